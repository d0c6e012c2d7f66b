import { Controller, INestApplication } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { SpanKind, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  Tracing,
  currentCorrelationIds,
  startTracing,
  withCorrelation,
} from '@pujiang/observability';
import { IsString } from 'class-validator';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  createTestTopics,
  eventually,
  kafkaConfigOf,
  testKafka,
  uniqueName,
} from '../../../../test/support/kafka-probe';
import { stackEnv } from '../../../../test/support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../../../../test/support/test-database';
import { CloudEvent, createCloudEvent } from '../cloud-event';
import { EventPublisher } from '../event-publisher';
import { ConsumerGroups } from '../inbox/consumer-groups';
import { InboxEventPattern } from '../inbox/inbox-event-pattern';
import { InboxTransport } from '../inbox/inbox-transport';
import { MessageConsumers } from '../inbox/message-consumers';
import { serveInbox } from '../inbox/serve-inbox';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '../index';
import { createKafka } from '../kafka';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';

class Parcel {
  @IsString()
  label!: string;
}

/** What the handler saw while it ran. */
interface Seen {
  event: CloudEvent<Parcel>;
  activeSpanId?: string;
  correlation: readonly string[];
}

/**
 * The trace context and the correlation id written with an outbox row, read
 * back by the handler on the other side of the real Kafka: the handler's span
 * is the child of the span that wrote the row.
 */
describe('a message traced through the real PostgreSQL and Kafka', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let dataSource: DataSource;
  let kafka: Kafka;
  let publisher: EventPublisher;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    tracing = startTracing({ exporter });
    dataSource = await createTestDataSource(
      stackEnv().LEDGER_DATABASE_URL ?? '',
      MESSAGING_ENTITIES,
      MESSAGING_MIGRATIONS,
    );
    kafka = createKafka(kafkaConfigOf('admin'), 'pujiang-it-traces');
    publisher = new EventPublisher(kafka);
  });

  afterAll(async () => {
    await app?.close();
    await publisher.onApplicationShutdown();
    await dropTestDataSource(dataSource);
    await tracing?.shutdown();
  });

  it('hands the consumer a span that is the child of the outbox write, with the request correlation id', async () => {
    const topic = uniqueName('pujiang.it.traces');
    const group = uniqueName('it-traces');
    await createTestTopics(testKafka(), topic, `${topic}.dlq`);
    let seen: Seen | undefined;
    @Controller()
    class ParcelsConsumer {
      @InboxEventPattern(topic, { group, deadLetterTopic: `${topic}.dlq`, data: Parcel })
      receive(@Payload() event: CloudEvent<Parcel>): Promise<void> {
        seen = {
          event,
          activeSpanId: trace.getActiveSpan()?.spanContext().spanId,
          correlation: currentCorrelationIds(),
        };
        return Promise.resolve();
      }
    }
    const moduleRef = await Test.createTestingModule({
      controllers: [ParcelsConsumer],
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

    const request = trace.getTracer('it').startSpan('POST /parcels', { kind: SpanKind.SERVER });
    const event = createCloudEvent({
      id: uniqueName('parcel'),
      source: '/it',
      type: 'it.parcel',
      data: { label: 'P-1' },
    });
    await context.with(trace.setSpan(context.active(), request), () =>
      withCorrelation(['req-it-1'], () =>
        dataSource.transaction((manager) =>
          new Outbox().enqueue(manager, { topic, key: 'P-1', event }),
        ),
      ),
    );
    request.end();
    const [row] = await dataSource.query<{ event: CloudEvent }[]>(
      `SELECT event FROM outbox_message WHERE event->>'id' = $1`,
      [event.id],
    );
    await new OutboxRelay(dataSource, publisher, {
      pollIntervalMs: 50,
      batchSize: 100,
    }).relayOnce();
    const handled = await eventually(() => seen, 'the parcel to be handled', 30_000);

    const spans = exporter.getFinishedSpans();
    const created = spans.find((span) => span.name === `create ${topic}`);
    const processed = spans.find((span) => span.name === `process ${topic}`);
    const traceId = request.spanContext().traceId;
    expect(created?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(row?.event).toMatchObject({
      traceparent: `00-${traceId}-${created?.spanContext().spanId}-01`,
      correlationid: 'req-it-1',
    });
    expect(processed?.spanContext().traceId).toBe(traceId);
    expect(processed?.parentSpanContext?.spanId).toBe(created?.spanContext().spanId);
    expect(processed?.attributes['messaging.consumer.group.name']).toBe(group);
    expect(handled.activeSpanId).toBe(processed?.spanContext().spanId);
    expect(handled.correlation).toEqual(['req-it-1']);
    expect(handled.event.correlationid).toBe('req-it-1');
  });
});
