import { Controller, INestApplication, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { IsInt, IsString } from 'class-validator';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { stackEnv } from '../../../test/support/stack-env';
import {
  TopicProbe,
  createTestTopics,
  eventually,
  kafkaConfigOf,
  testKafka,
  uniqueName,
} from '../../../test/support/kafka-probe';
import { createTestDataSource, dropTestDataSource } from '../../../test/support/test-database';
import { CloudEvent, createCloudEvent } from './cloud-event';
import { EventPublisher } from './event-publisher';
import { InboxContext } from './inbox/inbox-context';
import { InboxEventPattern } from './inbox/inbox-event-pattern';
import { InboxTransport } from './inbox/inbox-transport';
import { ConsumerGroups } from './inbox/consumer-groups';
import { MessageConsumers } from './inbox/message-consumers';
import { PoisonMessageError } from './inbox/poison-message.error';
import { serveInbox } from './inbox/serve-inbox';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from './index';
import { createKafka } from './kafka';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';

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

const RELAY = { pollIntervalMs: 50, batchSize: 100 };

describe('messaging against the real PostgreSQL and Kafka', () => {
  const env = stackEnv();
  // The stack's tooling user: these tests make topics and groups of their own.
  const config = kafkaConfigOf('admin');
  let dataSource: DataSource;
  let kafka: Kafka;
  let publisher: EventPublisher;
  let topic: string;
  let deadLetters: string;

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      env.LEDGER_DATABASE_URL ?? '',
      MESSAGING_ENTITIES,
      MESSAGING_MIGRATIONS,
    );
    kafka = createKafka(config, 'pujiang-it');
    publisher = new EventPublisher(kafka);
  });

  beforeEach(async () => {
    topic = uniqueName('pujiang.it');
    deadLetters = `${topic}.dlq`;
    await createTestTopics(testKafka(), topic, deadLetters);
  });

  afterAll(async () => {
    await publisher.onApplicationShutdown();
    await dropTestDataSource(dataSource);
  });

  const shipmentEvent = (id: string, data: unknown) =>
    createCloudEvent({ id, source: '/it', type: 'dev.pujiang.it.shipment.v1', data });

  const unpublished = async () =>
    Number(
      (
        await dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM outbox_message WHERE published_at IS NULL`,
        )
      )[0]?.n,
    );

  describe('outbox', () => {
    it('publishes what a committed transaction enqueued, as a CloudEvent keyed as asked', async () => {
      const probe = new TopicProbe(testKafka(), topic);
      await probe.start();
      await dataSource.transaction((manager) =>
        new Outbox().enqueue(manager, {
          topic,
          key: 'MSCU1234565',
          event: shipmentEvent('evt-1', { container: 'MSCU1234565', pieces: 3 }),
        }),
      );

      expect(await new OutboxRelay(dataSource, publisher, RELAY).relayOnce()).toBe(1);

      const [message] = await probe.waitFor(1);
      await probe.stop();
      expect(message?.key?.toString()).toBe('MSCU1234565');
      expect(message?.headers?.['content-type']?.toString()).toMatch(/cloudevents\+json/);
      expect(JSON.parse(message?.value?.toString() ?? '')).toMatchObject({
        specversion: '1.0',
        id: 'evt-1',
        data: { container: 'MSCU1234565', pieces: 3 },
      });
      expect(await unpublished()).toBe(0);
    });

    it('keeps nothing from a rolled-back transaction', async () => {
      const before = await dataSource.query(`SELECT count(*) AS n FROM outbox_message`);
      await expect(
        dataSource.transaction(async (manager) => {
          await new Outbox().enqueue(manager, {
            topic,
            key: 'k',
            event: shipmentEvent('evt-rolled-back', {}),
          });
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');

      expect(await dataSource.query(`SELECT count(*) AS n FROM outbox_message`)).toEqual(before);
    });

    it('refuses to enqueue outside a transaction', async () => {
      await expect(
        new Outbox().enqueue(dataSource.manager, {
          topic,
          key: 'k',
          event: shipmentEvent('x', {}),
        }),
      ).rejects.toThrow(/inside a database transaction/);
    });

    it('keeps messages while Kafka is unreachable and sends them once it is back', async () => {
      await dataSource.transaction((manager) =>
        new Outbox().enqueue(manager, {
          topic,
          key: 'k',
          event: shipmentEvent('evt-outage', { container: 'C', pieces: 1 }),
        }),
      );
      const unreachable = new EventPublisher(
        createKafka({ ...config, KAFKA_BROKERS: ['127.0.0.1:1'] }, 'pujiang-it-down'),
      );

      await expect(new OutboxRelay(dataSource, unreachable, RELAY).relayOnce()).rejects.toThrow();
      expect(await unpublished()).toBe(1);

      const probe = new TopicProbe(testKafka(), topic);
      await probe.start();
      await new OutboxRelay(dataSource, publisher, RELAY).relayOnce();
      const messages = await probe.waitFor(1);
      await probe.stop();
      expect(
        messages.map((m) => (JSON.parse(m.value?.toString() ?? '') as { id: string }).id),
      ).toEqual(['evt-outage']);
      expect(await unpublished()).toBe(0);
    });
  });

  describe('outbox lanes', () => {
    const ids = (messages: { value: Buffer | null }[]) =>
      messages.map((m) => (JSON.parse(m.value?.toString() ?? '') as { id: string }).id);

    it('relays a lane topic past a backlog on other topics, each row once and in order', async () => {
      const urgent = uniqueName('pujiang.it.lane');
      await createTestTopics(testKafka(), urgent);
      const lane = { topic: urgent, pollIntervalMs: 50, batchSize: 100 };
      const relay = new OutboxRelay(dataSource, publisher, { ...RELAY, lanes: [lane] });
      await dataSource.transaction((manager) =>
        new Outbox().enqueue(
          manager,
          ...['backlog-1', 'backlog-2', 'backlog-3'].map((id) => ({
            topic,
            key: 'k',
            event: shipmentEvent(id, {}),
          })),
          ...['urgent-1', 'urgent-2'].map((id) => ({
            topic: urgent,
            key: 'k',
            event: shipmentEvent(id, {}),
          })),
        ),
      );
      const urgentProbe = new TopicProbe(testKafka(), urgent);
      const backlogProbe = new TopicProbe(testKafka(), topic);
      await Promise.all([urgentProbe.start(), backlogProbe.start()]);

      // The lane takes its own rows, although older rows of another topic wait.
      expect(await relay.relayLaneOnce(lane)).toBe(2);
      expect(await unpublished()).toBe(3);
      expect(await relay.relayLaneOnce(lane)).toBe(0);
      // The main loop takes every other topic and leaves the lane's rows alone.
      expect(await relay.relayOnce()).toBe(3);
      expect(await unpublished()).toBe(0);

      expect(ids(await urgentProbe.waitFor(2))).toEqual(['urgent-1', 'urgent-2']);
      expect(ids(await backlogProbe.waitFor(3))).toEqual(['backlog-1', 'backlog-2', 'backlog-3']);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(urgentProbe.messages).toHaveLength(2);
      expect(backlogProbe.messages).toHaveLength(3);
      await Promise.all([urgentProbe.stop(), backlogProbe.stop()]);
    });
  });

  describe('idempotent consumer', () => {
    let consumers: MessageConsumers;

    beforeEach(() => {
      consumers = new MessageConsumers(kafka, dataSource, publisher, new ConsumerGroups());
    });

    afterEach(() => consumers.beforeApplicationShutdown());

    const send = (...events: unknown[]) =>
      publisher.publish(
        events.map((event) => ({
          topic,
          key: 'k',
          event: event as ReturnType<typeof shipmentEvent>,
        })),
      );

    it('handles a redelivered message once, and parks poison on the dead-letter topic', async () => {
      const handled: string[] = [];
      let failuresLeft = 2;
      await consumers.subscribe({
        groupId: uniqueName('it-group'),
        topic,
        deadLetterTopic: deadLetters,
        dataClass: Shipment,
        handle: async (event, manager) => {
          // A transient failure (say the database restarting) is retried in place.
          if (event.id === 'flaky' && failuresLeft-- > 0) throw new Error('connection reset');
          if (event.data.pieces < 0) throw new PoisonMessageError('negative pieces');
          await manager.query('SELECT 1');
          handled.push(event.id);
        },
      });
      const dlq = new TopicProbe(testKafka(), deadLetters);
      await dlq.start();

      await send(
        shipmentEvent('a', { container: 'C1', pieces: 1 }),
        shipmentEvent('a', { container: 'C1', pieces: 1 }),
        shipmentEvent('bad-shape', { container: 'C2', pieces: 'three' }),
        shipmentEvent('refused', { container: 'C3', pieces: -1 }),
        shipmentEvent('flaky', { container: 'C4', pieces: 4 }),
        shipmentEvent('b', { container: 'C5', pieces: 5 }),
      );
      await publisher.forward(topic, null, Buffer.from('not a cloud event'), {});

      await eventually(() => (handled.includes('b') ? true : undefined), 'message b');
      const parked = await dlq.waitFor(3);
      await dlq.stop();

      expect(handled).toEqual(['a', 'flaky', 'b']);
      // A fetched batch's unreadable records are parked before its handler runs, so
      // the raw record comes before 'refused' whenever one fetch brings both.
      expect(parked.map((m) => m.headers?.['dlq-reason']?.toString()).sort()).toEqual([
        expect.stringMatching(/invalid: pieces/),
        'negative pieces',
        'record value is not JSON',
      ]);
      expect(parked.map((m) => m.headers?.['dlq-original-topic']?.toString())).toEqual([
        topic,
        topic,
        topic,
      ]);
    });

    it('handles a fetched batch at once, and one at a time when the batch fails, each message once', async () => {
      const handled: string[] = [];
      await consumers.subscribe({
        groupId: uniqueName('it-group'),
        topic,
        deadLetterTopic: deadLetters,
        dataClass: Shipment,
        handle: async (event, manager) => {
          if (event.data.pieces < 0) throw new PoisonMessageError('negative pieces');
          await manager.query('SELECT 1');
          handled.push(event.id);
        },
        handleAll: async (events, manager) => {
          if (events.some((event) => event.data.pieces < 0)) throw new Error('a poison message');
          await manager.query('SELECT 1');
          handled.push(...events.map((event) => event.id));
        },
      });
      const dlq = new TopicProbe(testKafka(), deadLetters);
      await dlq.start();

      const shipment = (id: string, pieces = 1) => shipmentEvent(id, { container: 'C', pieces });
      await send(shipment('a'), shipment('a'), shipment('b'), shipment('c'));
      await eventually(() => (handled.includes('c') ? true : undefined), 'message c');
      await send(shipment('a'), shipment('d'), shipment('refused', -1), shipment('e'));
      await eventually(() => (handled.includes('e') ? true : undefined), 'message e');
      const parked = await dlq.waitFor(1);
      await dlq.stop();

      expect([...handled].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(parked.map((m) => m.headers?.['dlq-reason']?.toString())).toEqual(['negative pieces']);
    });
  });

  /**
   * The inbox served as a Nest microservice: handlers declared with
   * @InboxEventPattern in a controller run through Nest's RPC pipeline (its
   * exception layer included), in a hybrid application started by
   * serveInbox, as every service's main does.
   */
  describe('@InboxEventPattern handlers served by InboxTransport', () => {
    let app: INestApplication | undefined;

    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    const serve = async (consumer: Type<unknown>) => {
      const moduleRef = await Test.createTestingModule({
        controllers: [consumer],
        providers: [
          { provide: Kafka, useValue: kafka },
          { provide: DataSource, useValue: dataSource },
          { provide: EventPublisher, useValue: publisher },
          ConsumerGroups,
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
          event: shipmentEvent(id, data),
        })),
      );
    const shipment = (id: string, pieces: unknown = 1) => ({
      id,
      data: { container: 'C', pieces },
    });

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
});
