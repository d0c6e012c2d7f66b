import { Controller, Global, INestApplication, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  CloudEvent,
  EventPublisher,
  InboxEventPattern,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingConfig,
  MessagingModule,
  PoisonMessageError,
  createCloudEvent,
  serveInbox,
} from '@pujiang/messaging';
import { IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  createTestTopics,
  eventually,
  kafkaConfigOf,
  testKafka,
  uniqueName,
} from '../support/kafka-probe';
import { kafkaEnv, stackEnv } from '../support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../support/test-database';
import { pujiang } from '../support/pujiang-cli';

class Crate {
  @IsString()
  seal!: string;
}

/**
 * `pujiang dlq list|replay` on the real Kafka and PostgreSQL: a consumer
 * parks a message it refuses, the operator lists it, fixes the cause and
 * replays it, and the consumer's group handles it once.
 */
describe('pujiang dlq: parked messages listed and replayed', () => {
  const env = stackEnv();
  let dataSource: DataSource;
  let app: INestApplication;
  let topic: string;
  let group: string;
  let databaseUrl: string;
  const handled: string[] = [];
  let refusing = true;
  const saved = { ...process.env };

  beforeAll(async () => {
    topic = uniqueName('pujiang.it');
    group = uniqueName('it-group');
    await createTestTopics(testKafka(), topic, `${topic}.dlq`);
    dataSource = await createTestDataSource(
      env.LEDGER_DATABASE_URL ?? '',
      MESSAGING_ENTITIES,
      MESSAGING_MIGRATIONS,
    );
    const url = new URL(env.LEDGER_DATABASE_URL ?? '');
    url.searchParams.set(
      'options',
      `-c search_path=${(dataSource.options as { schema: string }).schema}`,
    );
    databaseUrl = url.toString();

    @Controller()
    class CratesConsumer {
      @InboxEventPattern(topic, { group, deadLetterTopic: `${topic}.dlq`, data: Crate })
      receive(@Payload() event: CloudEvent<Crate>): Promise<void> {
        if (refusing) return Promise.reject(new PoisonMessageError('seal not on the manifest'));
        handled.push(event.id);
        return Promise.resolve();
      }
    }
    /** What a service's configuration and persistence modules would give MessagingModule. */
    @Global()
    @Module({
      providers: [
        { provide: MessagingConfig, useValue: kafkaConfigOf('admin') },
        { provide: DataSource, useValue: dataSource },
      ],
      exports: [MessagingConfig, DataSource],
    })
    class StackModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [StackModule, MessagingModule.forRoot({ clientId: 'pujiang-it' })],
      controllers: [CratesConsumer],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await serveInbox(app);
    // The operator's environment: the stack's tooling user, and the consumer's database.
    Object.assign(process.env, kafkaEnv('admin'), { DATABASE_URL: databaseUrl });
  });

  afterAll(async () => {
    process.env = saved;
    await app?.close();
    await dropTestDataSource(dataSource);
  });

  it('lists a parked message with its reason, replays it for its group, which handles it once', async () => {
    const publisher = app.get(EventPublisher);
    await publisher.publish([
      {
        topic,
        key: 'crate-1',
        event: createCloudEvent({
          id: 'crate:1',
          source: '/it',
          type: 'dev.pujiang.it.crate.v1',
          data: { seal: 'S-1' },
        }),
      },
    ]);

    const listed = await eventually(async () => {
      const run = await pujiang('dlq', 'list', topic);
      return run.out.length > 1 ? run : undefined;
    }, 'the parked message');
    expect(listed.code).toBe(0);
    expect(listed.out[1]?.split('\t')).toEqual([
      '0/0',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      'crate:1',
      group,
      'seal not on the manifest',
    ]);

    refusing = false;
    const replayed = await pujiang('dlq', 'replay', topic, '0/0');
    expect(replayed).toMatchObject({ code: 0, err: [] });
    await eventually(() => (handled.includes('crate:1') ? true : undefined), 'the replay');
    expect(handled).toEqual(['crate:1']);

    // The same record again would be handled a second time: refused, nothing sent.
    const twice = await pujiang('dlq', 'replay', topic, '0/0');
    expect(twice.code).toBe(1);
    expect(twice.err).toEqual([
      'pujiang dlq: 0/0 was replayed already; if it was parked again, replay that record',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(handled).toEqual(['crate:1']);
  });

  it('answers usage errors with 2, a record it cannot find with 1, --help with 0', async () => {
    expect((await pujiang('dlq', 'replay', topic, 'first')).code).toBe(2);
    expect((await pujiang('dlq', 'purge', topic)).code).toBe(2);
    const missing = await pujiang('dlq', 'replay', topic, '0/99');
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toMatch(/has no record 0\/99/);
    const help = await pujiang('dlq', '--help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/dlq list TOPIC/);
  });
});
