import { Controller, INestApplication, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { IsInt, IsString } from 'class-validator';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { stackEnv } from '../../../../test/support/stack-env';
import {
  TopicProbe,
  createTestTopics,
  eventually,
  kafkaConfigOf,
  testKafka,
  uniqueName,
} from '../../../../test/support/kafka-probe';
import { createTestDataSource } from '../../../../test/support/test-database';
import { CloudEvent, createCloudEvent } from '../cloud-event';
import { EventPublisher } from '../event-publisher';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '../index';
import { createKafka } from '../kafka';
import { InboxContext } from './inbox-context';
import { InboxEventPattern } from './inbox-event-pattern';
import { InboxTransport } from './inbox-transport';
import { MessageConsumers } from './message-consumers';
import { PoisonMessageError } from './poison-message.error';
import { serveInbox } from './serve-inbox';

class Shipment {
  @IsString()
  container!: string;

  @IsInt()
  pieces!: number;
}

/** What a handler saw: the events, whether their data was the validated class, the transaction. */
interface Seen {
  ids: string[];
  typed: boolean;
  inTransaction: boolean;
}

/**
 * The inbox served as a Nest microservice: handlers are declared with
 * @InboxEventPattern in a controller and run through Nest's RPC pipeline
 * (its exception layer included), in a hybrid application started by
 * serveInbox, as every service's main does.
 */
describe('InboxTransport: @InboxEventPattern handlers on the real PostgreSQL and Kafka', () => {
  const env = stackEnv();
  let dataSource: DataSource;
  let kafka: Kafka;
  let publisher: EventPublisher;
  let topic: string;
  let deadLetters: string;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      env.LEDGER_DATABASE_URL ?? '',
      MESSAGING_ENTITIES,
      MESSAGING_MIGRATIONS,
    );
    kafka = createKafka(kafkaConfigOf('admin'), 'pujiang-it');
    publisher = new EventPublisher(kafka);
  });

  beforeEach(async () => {
    topic = uniqueName('pujiang.it');
    deadLetters = `${topic}.dlq`;
    await createTestTopics(testKafka(), topic, deadLetters);
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await publisher.onApplicationShutdown();
    await dataSource.destroy();
  });

  const serve = async (consumer: Type<unknown>) => {
    const moduleRef = await Test.createTestingModule({
      controllers: [consumer],
      providers: [
        { provide: Kafka, useValue: kafka },
        { provide: DataSource, useValue: dataSource },
        { provide: EventPublisher, useValue: publisher },
        MessageConsumers,
        InboxTransport,
      ],
    }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    await serveInbox(app);
  };

  const send = (...events: { id: string; data: unknown }[]) =>
    publisher.publish(
      events.map(({ id, data }) => ({
        topic,
        key: 'k',
        event: createCloudEvent({ id, source: '/it', type: 'dev.pujiang.it.shipment.v1', data }),
      })),
    );
  const shipment = (id: string, pieces: unknown = 1) => ({ id, data: { container: 'C', pieces } });

  const seenBy = (events: CloudEvent<Shipment>[], inbox: InboxContext): Seen => ({
    ids: events.map((event) => event.id),
    typed: events.every((event) => event.data instanceof Shipment),
    inTransaction: inbox.getManager().queryRunner?.isTransactionActive === true,
  });

  it('parks a poison message its handler refuses (not retried), retries an outage, handles each message once', async () => {
    const seen: Seen[] = [];
    let failuresLeft = 2;
    @Controller()
    class ShipmentsConsumer {
      @InboxEventPattern(topic, {
        group: uniqueName('it-group'),
        deadLetterTopic: deadLetters,
        data: Shipment,
      })
      async receive(
        @Payload() event: CloudEvent<Shipment>,
        @Ctx() inbox: InboxContext,
      ): Promise<void> {
        // A transient failure (say the database restarting) is retried in place.
        if (event.id === 'flaky' && failuresLeft-- > 0) throw new Error('connection reset');
        if (event.data.pieces < 0) throw new PoisonMessageError('negative pieces');
        await inbox.getManager().query('SELECT 1');
        seen.push(seenBy([event], inbox));
      }
    }
    await serve(ShipmentsConsumer);
    const dlq = new TopicProbe(testKafka(), deadLetters);
    await dlq.start();

    await send(
      shipment('a'),
      shipment('a'),
      shipment('bad-shape', 'three'),
      shipment('refused', -1),
      shipment('flaky'),
      shipment('b'),
    );

    await eventually(() => (seen.some((s) => s.ids.includes('b')) ? true : undefined), 'b');
    const parked = await dlq.waitFor(2);
    await dlq.stop();

    expect(seen.flatMap((s) => s.ids)).toEqual(['a', 'flaky', 'b']);
    expect(seen.every((s) => s.typed && s.inTransaction)).toBe(true);
    expect(parked.map((m) => m.headers?.['dlq-reason']?.toString()).sort()).toEqual([
      expect.stringMatching(/invalid: pieces/),
      'negative pieces',
    ]);
  });

  it('hands a batch handler a fetched batch at once, and finds the poison one at a time', async () => {
    const seen: Seen[] = [];
    @Controller()
    class ShipmentBatchesConsumer {
      @InboxEventPattern(topic, {
        group: uniqueName('it-group'),
        deadLetterTopic: deadLetters,
        data: Shipment,
        batch: true,
      })
      async receive(
        @Payload() events: CloudEvent<Shipment>[],
        @Ctx() inbox: InboxContext,
      ): Promise<void> {
        if (events.some((event) => event.data.pieces < 0)) {
          throw new PoisonMessageError('negative pieces');
        }
        await inbox.getManager().query('SELECT 1');
        seen.push(seenBy(events, inbox));
      }
    }
    await serve(ShipmentBatchesConsumer);
    const dlq = new TopicProbe(testKafka(), deadLetters);
    await dlq.start();
    const handled = () => seen.flatMap((s) => s.ids);

    // One produce request: the consumer fetches all four together.
    await send(shipment('a'), shipment('a'), shipment('b'), shipment('c'));
    await eventually(() => (handled().includes('c') ? true : undefined), 'c');
    await send(shipment('a'), shipment('d'), shipment('refused', -1), shipment('e'));
    await eventually(() => (handled().includes('e') ? true : undefined), 'e');
    const parked = await dlq.waitFor(1);
    await dlq.stop();

    expect(seen[0]?.ids).toEqual(['a', 'b', 'c']);
    expect([...handled()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(seen.every((s) => s.typed && s.inTransaction)).toBe(true);
    expect(parked.map((m) => m.headers?.['dlq-reason']?.toString())).toEqual(['negative pieces']);
  });

  it('refuses to start a Kafka handler declared without the inbox', async () => {
    @Controller()
    class BareConsumer {
      @EventPattern(topic)
      receive(): void {
        // Never called: the transport refuses it before subscribing.
      }
    }

    await expect(serve(BareConsumer)).rejects.toThrow(/declared with @InboxEventPattern/);
  });
});
