import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { NEST_APP_OPTIONS, configureHttpApp, fastifyAdapter, listen } from '@pujiang/http';
import { LedgerGateway, LedgerUnavailableError } from '@pujiang/ledger-client';
import { serveInbox } from '@pujiang/messaging';
import { AppModule } from '../../services/traceability/src/app.module';
import { CAPTURE_LIMITS } from '../../services/traceability/src/epcis/capture/domain/capture-job';
import { identityProviderEnv, kafkaEnv, stackEnv, testRateLimits } from './stack-env';

/** The ledger is not part of these suites (the end-to-end suites have the real one): it is down. */
class UnreachableLedger {
  evaluate(): Promise<string> {
    return Promise.reject(new LedgerUnavailableError('no ledger in this suite'));
  }

  /** Grants are ledger transactions signed by the party: with no ledger they cannot be made. */
  actingAs(): { submit(): Promise<never> } {
    return { submit: () => Promise.reject(new LedgerUnavailableError('no ledger in this suite')) };
  }

  /** The grants follower's stream: it waits, as it would for a peer that is down. */
  get network(): never {
    throw new LedgerUnavailableError('no ledger in this suite');
  }
}

/**
 * The traceability service on the stack's real PostgreSQL and Kafka, with no
 * Fabric network needed: capture, query and publishing do not touch the ledger.
 * It checks bearer tokens against the stack's identity provider, as in
 * production: clients present one from stackToken() (test/support/stack-tokens.ts).
 */
export async function startTraceabilityWithoutLedger(): Promise<{
  app: NestFastifyApplication;
  url: string;
}> {
  const env = stackEnv();
  Object.assign(process.env, {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: env.TRACEABILITY_DATABASE_URL,
    ...kafkaEnv('traceability', env),
    FABRIC_CHANNEL: 'unused',
    FABRIC_CHAINCODE: 'unused',
    FABRIC_MSP_ID: 'Org1MSP',
    FABRIC_PEER_ENDPOINT: '127.0.0.1:1',
    FABRIC_PEER_HOST_ALIAS: 'unused',
    FABRIC_TLS_CA_CERT: 'unused',
    FABRIC_CLIENT_CERT: 'unused',
    FABRIC_CLIENT_KEY: 'unused',
    TRACEABILITY_DIRECTORY_FILE: env.TRACEABILITY_DIRECTORY_FILE ?? '',
    ...identityProviderEnv(env),
    ...testRateLimits(),
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(LedgerGateway)
    .useValue(new UnreachableLedger())
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    fastifyAdapter({ bodyLimit: CAPTURE_LIMITS.maxBytes }),
    NEST_APP_OPTIONS,
  );
  configureHttpApp(app);
  await serveInbox(app);
  const url = (await listen(app, 0, '127.0.0.1')).replace('[::1]', '127.0.0.1');
  return { app, url };
}
