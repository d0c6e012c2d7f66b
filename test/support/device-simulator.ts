import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceAlgorithm, DeviceRecord } from '@pujiang/contracts';
import type { DeviceSigningKey } from '@pujiang/device-attestation';
import { importJWK, type JWK } from 'jose';
import { main } from '../../tools/cli/src/main';
import { eventually } from './kafka-probe';
import { serviceEnv } from './stack-env';
import { ORG1_PACKER, bearer } from './stack-tokens';

/** A temporary folder for device keys, as a device's own storage. */
export function keyFolder(): string {
  return mkdtempSync(join(tmpdir(), 'pujiang-device-'));
}

/**
 * Runs `npx pujiang …` in this process with extra environment, and returns
 * what it printed; a non-zero exit fails the test with its error output.
 */
export async function pujiang(args: string[], env: Record<string, string> = {}): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    if (code !== 0) throw new Error(`pujiang ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
    return out.join('\n');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** The ledger environment of an organisation's platform operator: who registers its devices. */
export function platformOperatorEnv(org: 1 | 2): Record<string, string> {
  return serviceEnv('ebl', 0, org);
}

/** A device registered on the ledger: its EPCIS deviceID and the file of its private key. */
export interface RegisteredDevice {
  id: string;
  key: string;
}

/**
 * What a reefer's commissioning does, with the CLI an operator uses: `pujiang
 * device keygen`, then `pujiang device register` as `org`'s platform operator,
 * fitted to `container` since `since`; then waits until capture (the
 * traceability service at `traceabilityUrl`) knows it, so its readings are
 * judged against it.
 */
export async function registerReefer(
  traceabilityUrl: string,
  container: string,
  since: Date,
  org: 1 | 2 = 1,
): Promise<RegisteredDevice> {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const id = `urn:epc:id:giai:4012345.RC-${tag}`;
  const key = join(keyFolder(), `${tag}.jwk`);
  await pujiang(['device', 'keygen', '--alg', 'ES256', '--out', key]);
  await pujiang(
    [
      'device',
      'register',
      '--device',
      id,
      '--model',
      'ThermoGuard RC-7',
      '--key',
      `${key}.pub`,
    ].concat(['--container', container, '--from', since.toISOString()]),
    platformOperatorEnv(org),
  );
  await knownToCapture(traceabilityUrl, id, 2);
  return { id, key };
}

/** Waits until capture's read model holds the device with `changes` changes, and returns it. */
export function knownToCapture(
  traceabilityUrl: string,
  id: string,
  changes: number,
): Promise<DeviceRecord> {
  return eventually(async () => {
    const res = await fetch(`${traceabilityUrl}/devices/${encodeURIComponent(id)}`, {
      headers: await bearer(ORG1_PACKER),
    });
    const record = ((await res.json()) as { device?: DeviceRecord }).device;
    return res.status === 200 && record !== undefined && record.history.length >= changes
      ? record
      : undefined;
  }, `device ${id} in capture's registry`);
}

/** The signing key `pujiang device keygen` wrote to `file`, as a device loads it. */
export async function signingKeyOf(file: string): Promise<DeviceSigningKey> {
  const jwk = JSON.parse(await readFile(file, 'utf8')) as JWK & {
    alg: DeviceAlgorithm;
    kid: string;
  };
  return { privateKey: await importJWK(jwk, jwk.alg), kid: jwk.kid, alg: jwk.alg };
}
