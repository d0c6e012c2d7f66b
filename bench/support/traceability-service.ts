import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NEST_APP_OPTIONS, configureHttpApp, fastifyAdapter, listen } from '@pujiang/http';
import { EventPublisher, MessageConsumers, OutgoingMessage } from '@pujiang/messaging';
import { Pool } from 'pg';
import { AppModule } from '../../services/traceability/src/app.module';
import { serviceEnv } from '../../test/support/stack-env';

export interface BenchService {
  url: string;
  /** The throw-away schema the service runs in; the bench's own queries use it too. */
  schema: string;
  db: Pool;
  /** The PostgreSQL backends serving the service and the bench now (for CPU accounting). */
  backends: () => Promise<number[]>;
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

/** Joins no consumer group, so this instance never takes a colleague's partitions. */
const noConsumers: Pick<MessageConsumers, 'subscribe' | 'beforeApplicationShutdown'> = {
  subscribe: () => Promise.resolve(),
  beforeApplicationShutdown: () => Promise.resolve(),
};

/**
 * The real traceability AppModule in this process, configured from the stack
 * env as test/support/running-service.ts does, but in a throw-away schema of
 * the traceability database (real migrations run into it) that is dropped on
 * stop, and with the Kafka edges replaced as above.
 */
export async function startTraceability(bodyLimit = 1024 * 1024): Promise<BenchService> {
  const env = serviceEnv('traceability', 0);
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(env.DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  const db = new Pool({ connectionString: url.toString(), max: 12 });
  await db.query(`CREATE SCHEMA ${schema}`);
  Object.assign(process.env, env, { DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' });

  const sink = new SinkPublisher();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(EventPublisher)
    .useValue(sink)
    .overrideProvider(MessageConsumers)
    .useValue(noConsumers)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    fastifyAdapter({ bodyLimit }),
    NEST_APP_OPTIONS,
  );
  configureHttpApp(app);
  const address = await listen(app, 0, '127.0.0.1');
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    schema,
    db,
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
