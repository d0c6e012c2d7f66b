import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Principal, issueToken } from '@pujiang/auth';
import { NEST_APP_OPTIONS, configureHttpApp, fastifyAdapter, listen } from '@pujiang/http';
import { LedgerGateway, LedgerUnavailableError } from '@pujiang/ledger-client';
import { serveInbox } from '@pujiang/messaging';
import { kafkaEnv, stackEnv } from '../../../../test/support/stack-env';
import { AppModule } from '../app.module';

const ISSUER = 'https://idp.supervision.test';
const AUDIENCE = 'pujiang';

/** The ledger is not part of these suites (the e2e has the real one): it is down. */
class UnreachableLedger {
  readonly mspId = 'Org1MSP';

  evaluate(): Promise<string> {
    return Promise.reject(new LedgerUnavailableError('no ledger in this suite'));
  }
}

export interface SupervisionUnderTest {
  app: NestFastifyApplication;
  url: string;
  /** A bearer token the service trusts, from this suite's own identity provider key. */
  token(principal: Principal): Promise<string>;
}

/**
 * The supervision service on the stack's real PostgreSQL and Kafka (as its
 * own Kafka user), with no Fabric network: it trusts tokens signed by a key
 * pair made here, as it would the consortium's identity provider.
 */
export async function startSupervisionWithoutLedger(
  extra: Record<string, string> = {},
): Promise<SupervisionUnderTest> {
  const env = stackEnv();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyFile = join(mkdtempSync(join(tmpdir(), 'supervision-it-')), 'idp.pem');
  writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  Object.assign(process.env, {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: env.SUPERVISION_DATABASE_URL,
    ...kafkaEnv('supervision', env),
    FABRIC_CHANNEL: 'unused',
    FABRIC_CHAINCODE: 'unused',
    FABRIC_MSP_ID: 'Org1MSP',
    FABRIC_PEER_ENDPOINT: '127.0.0.1:1',
    FABRIC_PEER_HOST_ALIAS: 'unused',
    FABRIC_TLS_CA_CERT: 'unused',
    FABRIC_CLIENT_CERT: 'unused',
    FABRIC_CLIENT_KEY: 'unused',
    AUTH_JWT_ISSUER: ISSUER,
    AUTH_JWT_AUDIENCE: AUDIENCE,
    AUTH_JWT_PUBLIC_KEY_FILE: keyFile,
    RATE_LIMIT_WRITE_REQUESTS: '100000',
    RATE_LIMIT_PUBLIC_REQUESTS: '100000',
    ...extra,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(LedgerGateway)
    .useValue(new UnreachableLedger())
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    fastifyAdapter({ bodyLimit: 16 * 1024 * 1024 }),
    NEST_APP_OPTIONS,
  );
  configureHttpApp(app);
  await serveInbox(app);
  const url = (await listen(app, 0, '127.0.0.1')).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    token: (principal) =>
      issueToken(privateKey, { ...principal, issuer: ISSUER, audience: AUDIENCE, ttl: 600 }),
  };
}
