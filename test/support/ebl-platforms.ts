import { createPrivateKey, KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { issueToken } from '@pujiang/auth';
import { createHttpApp, listen } from '@pujiang/http';
import { serveInbox } from '@pujiang/messaging';
import { SignJWT } from 'jose';
import { writeDevPlatforms } from '../../scripts/stack/dev-parties';
import { AppModule as EblApp } from '../../services/ebl/src/app.module';
import { serviceEnv, stackEnv } from './stack-env';

export interface RunningPlatform {
  code: string;
  mspId: string;
  url: string;
  app: NestFastifyApplication;
  signingKey: KeyObject;
  /** A bearer token for one of the platform's parties. */
  tokenFor(partyId: string, roles?: string[]): Promise<string>;
}

export interface EblWorld {
  pja: RunningPlatform;
  pjb: RunningPlatform;
  carrierKey: KeyObject;
  carrierCode: string;
  /** A bearer token the carrier signs for a call to `platform`. */
  carrierToken(platform: string): Promise<string>;
  /** A bearer token another platform signs (PINT calls). */
  platformToken(from: RunningPlatform, to: string): Promise<string>;
  /** One more instance of PJA's service (same database, keys and directory), as a second replica. */
  startPjaReplica(): Promise<RunningPlatform>;
  stop(): Promise<void>;
}

/**
 * A carrier outside the local network that issues to the local platforms: it acts on the
 * ledger as the local carrier party `partyId` (the identity the Fabric CA enrolled with the
 * carrier role), and is known by its own code and key.
 */
export interface ForeignCarrier {
  carrierCode: string;
  carrierCodeListProvider: string;
  partyId: string;
  endpoint: string;
  publicKeyFile: string;
}

/** A platform outside the local network that both local platforms exchange eBLs with. */
export interface ForeignPlatform {
  code: string;
  endpoint: string;
  publicKeyFile: string;
}

/** A port on this machine where nothing listens now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Two eBL platforms on the local Fabric network, as `npm start` runs them:
 * PJA on Org1 and PJB on Org2, each with its own database, signing key and
 * directory, signing platform steps as its organisation's platform operator
 * (the identity its Fabric CA enrolled with pujiang.role=platform).
 */
export async function startEblWorld(
  carrierEndpoint: string,
  options: { foreignPlatforms?: ForeignPlatform[]; foreignCarriers?: ForeignCarrier[] } = {},
): Promise<EblWorld> {
  const stack = stackEnv();
  const ports = { PJA: await freePort(), PJB: await freePort() };
  const env = writeDevPlatforms({
    outDir: mkdtempSync(join(tmpdir(), 'ebl-world-')),
    usersDir: (org) => stack[`FABRIC_ORG${org}_USERS_DIR`] ?? '',
    endpoint: (code) => `http://127.0.0.1:${ports[code as 'PJA' | 'PJB']}`,
    carrierEndpoint,
  });
  for (const code of ['PJA', 'PJB']) {
    addToDirectory(env[`EBL_${code}_DIRECTORY_FILE`] ?? '', {
      platforms: options.foreignPlatforms ?? [],
      // Carriers issue to PJA (dev-parties.ts); every platform knows their keys for PINT.
      carriers: code === 'PJA' ? (options.foreignCarriers ?? []) : [],
      knownCarriers: (options.foreignCarriers ?? []).map(({ carrierCode, publicKeyFile }) => ({
        carrierCode,
        publicKeyFile,
      })),
    });
  }
  const idpKey = createPrivateKey(readFileSync(env.AUTH_JWT_PRIVATE_KEY_FILE ?? ''));
  const start = async (
    code: 'PJA' | 'PJB',
    org: 1 | 2,
    port = ports[code],
  ): Promise<RunningPlatform> => {
    const base = serviceEnv('ebl', port, org);
    Object.assign(process.env, base, env, {
      LOG_LEVEL: 'warn',
      DATABASE_URL: org === 1 ? stack.EBL_DATABASE_URL : stack.EBL_PARTNER_DATABASE_URL,
      EBL_PLATFORM_CODE: code,
      EBL_DIRECTORY_FILE: env[`EBL_${code}_DIRECTORY_FILE`],
      EBL_SIGNING_KEY_FILE: env[`EBL_${code}_SIGNING_KEY_FILE`],
      EBL_PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    const app = await createHttpApp(EblApp, { bodyLimit: 4 * 1024 * 1024 });
    await serveInbox(app);
    const url = (await listen(app, port, '127.0.0.1')).replace('[::1]', '127.0.0.1');
    const mspId = base.FABRIC_MSP_ID ?? '';
    return {
      code,
      mspId,
      url,
      app,
      signingKey: createPrivateKey(readFileSync(env[`EBL_${code}_SIGNING_KEY_FILE`] ?? '')),
      tokenFor: (partyId, roles = ['ebl:trader']) =>
        issueToken(idpKey, {
          party: partyId,
          organisation: mspId,
          roles,
          issuer: env.AUTH_JWT_ISSUER ?? '',
          audience: env.AUTH_JWT_AUDIENCE ?? '',
          ttl: 600,
        }),
    };
  };
  const pja = await start('PJA', 1);
  const pjb = await start('PJB', 2);
  const replicas: RunningPlatform[] = [];
  const carrierCode = 'PJCL';
  const carrierKey = createPrivateKey(
    readFileSync(env[`EBL_CARRIER_${carrierCode}_KEY_FILE`] ?? ''),
  );
  const signedBy = (key: KeyObject, issuer: string, audience: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('2m')
      .sign(key);
  return {
    pja,
    pjb,
    carrierKey,
    carrierCode,
    carrierToken: (platform) => signedBy(carrierKey, carrierCode, platform),
    platformToken: (from, to) => signedBy(from.signingKey, from.code, to),
    startPjaReplica: async () => {
      const replica = await start('PJA', 1, await freePort());
      replicas.push(replica);
      return replica;
    },
    stop: async () => {
      for (const replica of replicas) await replica.app.close();
      await pjb.app.close();
      await pja.app.close();
    },
  };
}

function addToDirectory(
  directoryFile: string,
  foreign: { platforms: ForeignPlatform[]; carriers: ForeignCarrier[]; knownCarriers: unknown[] },
): void {
  if (foreign.platforms.length === 0 && foreign.knownCarriers.length === 0) return;
  const directory = JSON.parse(readFileSync(directoryFile, 'utf8')) as {
    platforms: unknown[];
    carriers: unknown[];
    knownCarriers: unknown[];
  };
  directory.platforms.push(...foreign.platforms);
  directory.carriers.push(...foreign.carriers);
  directory.knownCarriers.push(...foreign.knownCarriers);
  writeFileSync(directoryFile, `${JSON.stringify(directory, null, 2)}\n`);
}
