import { randomBytes } from 'node:crypto';
import { CanActivate, ExecutionContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BearerAuthGuard, Principal } from '@pujiang/auth';
import { NEST_APP_OPTIONS, configureHttpApp, fastifyAdapter, listen } from '@pujiang/http';
import { EventPublisher, OutgoingMessage } from '@pujiang/messaging';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../services/traceability/src/app.module';
import { serviceEnv } from '../../test/support/stack-env';
import { ORG1_PACKER } from '../../test/support/stack-tokens';
import { packerHeaders } from './bench-token';

/**
 * How the instance authenticates its callers. `bearer`: as in production,
 * each request's token verified against the stack's identity provider, and
 * the clients present Org1's packer's. `bypassed`: the guard replaced, in
 * this process only, by one that lets every request through as Org1's
 * packer; the clients send no token. Only for measuring what authentication
 * costs: nothing outside a benchmark can ask for it.
 */
export type BenchAuthentication = 'bearer' | 'bypassed';

export interface BenchService {
  url: string;
  /** Headers every client request carries: the bearer token, or none when bypassed. */
  clientHeaders: Record<string, string>;
  /** The throw-away schema the service runs in; the bench's own queries use it too. */
  schema: string;
  db: Pool;
  /** The PostgreSQL backends serving the service and the bench now (for CPU accounting). */
  backends: () => Promise<number[]>;
  /** The service's own connection pool (TypeORM's), to count callers waiting for a connection. */
  servicePool: { waitingCount: number };
  /** Outbox messages the relay handed to the publisher (serialised, not sent). */
  relayed: () => number;
  stop: () => Promise<void>;
}

/**
 * The relay runs as in production and serialises every message, but does not
 * send: hundreds of thousands of bench events on the shared topics would sit
 * in front of other engineers' e2e messages for minutes (the consumers read
 * them in order). The 201/202 never depended on Kafka: the outbox row commits
 * in the same transaction as the event.
 */
class SinkPublisher implements Pick<EventPublisher, 'publish' | 'forward'> {
  count = 0;

  publish(messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) JSON.stringify(message.event);
    this.count += messages.length;
    return Promise.resolve();
  }

  forward(): Promise<void> {
    return Promise.resolve();
  }
}

/** In place of BearerAuthGuard: no token read, no signature checked, every caller the same principal. */
class FixedPrincipalGuard implements CanActivate {
  constructor(private readonly principal: Principal) {}

  canActivate(context: ExecutionContext): boolean {
    context.switchToHttp().getRequest<{ principal?: Principal }>().principal = this.principal;
    return true;
  }
}

/**
 * The real traceability AppModule in this process, configured from the stack
 * env as test/support/running-service.ts does, but in a throw-away schema of
 * the traceability database (real migrations run into it) that is dropped on
 * stop, with the publisher replaced as above and no Kafka handlers served (it
 * joins no consumer group, so it never takes a colleague's partitions); its
 * authentication as `authentication` says.
 */
export async function startTraceability(
  bodyLimit = 1024 * 1024,
  authentication: BenchAuthentication = 'bearer',
): Promise<BenchService> {
  const env = serviceEnv('traceability', 0);
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(env.DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  const db = new Pool({ connectionString: url.toString(), max: 12 });
  await db.query(`CREATE SCHEMA ${schema}`);
  Object.assign(process.env, env, { DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' });

  const sink = new SinkPublisher();
  const builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(EventPublisher)
    .useValue(sink);
  if (authentication === 'bypassed') {
    builder.overrideGuard(BearerAuthGuard).useValue(new FixedPrincipalGuard(ORG1_PACKER));
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    fastifyAdapter({ bodyLimit }),
    NEST_APP_OPTIONS,
  );
  configureHttpApp(app);
  const address = await listen(app, 0, '127.0.0.1');
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    clientHeaders: authentication === 'bearer' ? await packerHeaders() : {},
    schema,
    db,
    servicePool: (app.get(DataSource).driver as unknown as { master: Pool }).master,
    relayed: () => sink.count,
    backends: async () =>
      (
        await db.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
          [schema],
        )
      ).rows.map((row) => row.pid),
    stop: async () => {
      await app.close();
      if (process.env.BENCH_KEEP_SCHEMA !== '1') await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.end();
    },
  };
}
