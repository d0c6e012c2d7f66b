import { chmod, readFile, writeFile } from 'node:fs/promises';
import { loadConfig } from '@pujiang/config';
import {
  DEVICES_CONTRACT,
  DeviceAlgorithm,
  DeviceTransaction,
  type DevicePublicJwk,
} from '@pujiang/contracts';
import {
  epcisDocument,
  jwkThumbprint,
  parsePublicJwk,
  simulateReefer,
} from '@pujiang/device-attestation';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { UsageError, type CliIo, type Command } from './command';

/**
 * `pujiang device keygen | register | emit`: a device simulator for trying
 * machine identity end to end (issue 17). keygen makes the key pair a device
 * would make inside itself; register records the device on the ledger as the
 * organisation's platform operator (FABRIC_* of that identity in the
 * environment); emit prints an EPCIS document of signed reefer readings.
 */
export const deviceCommand: Command = {
  words: ['device'],
  usage: [
    'device keygen --alg ES256|EdDSA --out FILE          a device key pair (FILE private, FILE.pub public)',
    '  pujiang device register --device URI --model M --key FILE.pub [--kind K] [--since ISO] [--container N --from ISO]',
    '                                                      record it on the ledger (FABRIC_* = platform identity)',
    '  pujiang device emit --device URI --key FILE --container N --from ISO --to ISO [--every MIN]',
    '                      [--celsius C] [--excursion FROM_ISO/TO_ISO/C]   signed EPCIS sensor events',
  ].join('\n'),
  async run(args, io) {
    const [verb, ...rest] = args;
    const options = parseOptions(rest);
    switch (verb) {
      case 'keygen':
        return keygen(options, io);
      case 'register':
        return register(options, io);
      case 'emit':
        return emit(options, io);
      default:
        throw new UsageError(`device needs keygen, register or emit, not '${verb ?? ''}'`);
    }
  },
};

type Options = ReadonlyMap<string, string>;

function parseOptions(args: readonly string[]): Options {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (name === undefined || !name.startsWith('--') || value === undefined) {
      throw new UsageError(`unexpected argument ${name ?? ''}`);
    }
    found.set(name.slice(2), value);
  }
  return found;
}

function required(options: Options, name: string): string {
  const value = options.get(name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

function instant(options: Options, name: string, raw = required(options, name)): Date {
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--${name} must be an ISO 8601 instant`);
  return at;
}

function number(options: Options, name: string, fallback: number): number {
  const raw = options.get(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number`);
  return value;
}

async function keygen(options: Options, io: CliIo): Promise<number> {
  const alg = required(options, 'alg');
  if (alg !== DeviceAlgorithm.es256 && alg !== DeviceAlgorithm.edDsa) {
    throw new UsageError('--alg must be ES256 or EdDSA');
  }
  const out = required(options, 'out');
  const pair = await generateKeyPair(alg, {
    crv: alg === 'EdDSA' ? 'Ed25519' : 'P-256',
    extractable: true,
  });
  const publicJwk = (await exportJWK(pair.publicKey)) as DevicePublicJwk;
  const kid = jwkThumbprint(publicJwk);
  await writeFile(
    out,
    JSON.stringify({ ...(await exportJWK(pair.privateKey)), alg, kid }, null, 2),
  );
  await chmod(out, 0o600);
  await writeFile(`${out}.pub`, JSON.stringify({ alg, kid, jwk: publicJwk }, null, 2));
  io.out(JSON.stringify({ alg, kid, privateKey: out, publicKey: `${out}.pub` }));
  return 0;
}

async function register(options: Options, io: CliIo): Promise<number> {
  const published = JSON.parse(await readFile(required(options, 'key'), 'utf8')) as {
    alg?: unknown;
    jwk?: unknown;
  };
  const key = parsePublicJwk(published.alg, published.jwk);
  if (!key.ok) throw new Error(`--key: ${key.reason}`);
  const deviceId = required(options, 'device');
  const registration = {
    deviceId,
    kind: options.get('kind') ?? 'REEFER_CONTROLLER',
    model: required(options, 'model'),
    alg: published.alg,
    jwk: key.jwk,
  };
  const container = options.get('container');
  // In service since it was fitted, unless told otherwise.
  const since = options.get('since') ?? options.get('from');
  if (since !== undefined) {
    Object.assign(registration, { since: instant(options, 'since', since).toISOString() });
  }
  const gateway = new LedgerGateway(loadConfig(LedgerConfig, process.env));
  await gateway.onModuleInit();
  try {
    const submit = (transaction: string, args: string[]) =>
      gateway.submit({ contract: DEVICES_CONTRACT, transaction, args });
    let committed = await submit(DeviceTransaction.register, [JSON.stringify(registration)]);
    if (container !== undefined) {
      const from = instant(options, 'from').toISOString();
      committed = await submit(DeviceTransaction.attach, [
        deviceId,
        JSON.stringify({ assetKind: 'CONTAINER', asset: container, from }),
      ]);
    }
    io.out(committed.result);
  } finally {
    gateway.onApplicationShutdown();
  }
  return 0;
}

async function emit(options: Options, io: CliIo): Promise<number> {
  const privateJwk = JSON.parse(await readFile(required(options, 'key'), 'utf8')) as JWK & {
    alg: DeviceAlgorithm;
    kid: string;
  };
  const excursion = options.get('excursion');
  const [from, to, celsius] = excursion?.split('/') ?? [];
  const events = await simulateReefer(
    {
      deviceId: required(options, 'device'),
      container: required(options, 'container'),
      from: instant(options, 'from'),
      to: instant(options, 'to'),
      everyMinutes: number(options, 'every', 15),
      celsius: number(options, 'celsius', 5),
      ...(excursion === undefined
        ? {}
        : {
            excursion: {
              from: instant(options, 'excursion', from),
              to: instant(options, 'excursion', to),
              celsius: Number(celsius),
            },
          }),
    },
    {
      privateKey: await importJWK(privateJwk, privateJwk.alg),
      kid: privateJwk.kid,
      alg: privateJwk.alg,
    },
  );
  io.out(JSON.stringify(epcisDocument(events)));
  return 0;
}
