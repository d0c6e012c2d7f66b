import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  Tracing,
  currentCorrelationIds,
  startTracing,
  withCorrelation,
} from '@pujiang/observability';
import { EntityManager } from 'typeorm';
import { CloudEvent, createCloudEvent, parseCloudEvent } from '../cloud-event';
import { Outbox } from '../outbox/outbox';
import { correlationIdsIn, processTraced, stampOrigins } from './message-tracing';

const TOPIC = 'spec.parcels.v1';
const parcel = (label: string): CloudEvent<{ label: string }> =>
  createCloudEvent(
    {
      id: `parcel:${label}`,
      source: '/spec',
      type: 'spec.parcel',
      data: { label },
    },
    new Date('2026-12-06T00:00:00Z'),
  );

/** A W3C traceparent's trace id and parent span id. */
function parts(traceparent: string | undefined): { traceId: string; spanId: string } {
  const [, traceId, spanId] =
    /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(traceparent ?? '') ?? [];
  if (traceId === undefined || spanId === undefined)
    throw new Error(`not a traceparent: ${traceparent}`);
  return { traceId, spanId };
}

/** The outbox rows an enqueue writes, as the INSERT's parameters (topic, key, event JSON). */
function recordingTransaction(): { manager: EntityManager; rows: () => CloudEvent[] } {
  const calls: unknown[][] = [];
  const manager = {
    queryRunner: { isTransactionActive: true },
    query: (_sql: string, params: unknown[]) => {
      calls.push(params);
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  const rows = () =>
    calls.flatMap((params) =>
      (params[2] as string[]).map((json) => JSON.parse(json) as CloudEvent),
    );
  return { manager, rows };
}

describe('where a message comes from, carried in its envelope', () => {
  describe('with tracing on', () => {
    const exporter = new InMemorySpanExporter();
    let tracing: Tracing | undefined;
    const tracer = () => trace.getTracer('spec');
    const spanNamed = (name: string): ReadableSpan => {
      const span = exporter.getFinishedSpans().find((s) => s.name === name);
      if (span === undefined) throw new Error(`no span ${name}`);
      return span;
    };

    beforeAll(() => {
      tracing = startTracing({ exporter });
    });
    afterAll(async () => {
      await tracing?.shutdown();
    });
    beforeEach(() => exporter.reset());

    it('writes each outbox row with the traceparent of a create span, child of the request, and its correlation id', async () => {
      const { manager, rows } = recordingTransaction();
      const request = tracer().startSpan('POST /capture');
      await context.with(trace.setSpan(context.active(), request), () =>
        withCorrelation(['req-7'], () =>
          new Outbox().enqueue(
            manager,
            { topic: TOPIC, key: 'a', event: parcel('a') },
            { topic: 'spec.other.v1', key: 'b', event: parcel('b') },
            { topic: TOPIC, key: 'c', event: parcel('c') },
          ),
        ),
      );
      request.end();

      const [a, b, c] = rows();
      const create = spanNamed(`create ${TOPIC}`);
      expect(create.kind).toBe(SpanKind.PRODUCER);
      expect(create.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      expect(create.attributes['messaging.batch.message_count']).toBe(2);
      expect(parts(a?.traceparent)).toEqual({
        traceId: request.spanContext().traceId,
        spanId: create.spanContext().spanId,
      });
      expect(c?.traceparent).toBe(a?.traceparent);
      expect(parts(b?.traceparent).spanId).toBe(
        spanNamed('create spec.other.v1').spanContext().spanId,
      );
      expect([a?.correlationid, b?.correlationid, c?.correlationid]).toEqual([
        'req-7',
        'req-7',
        'req-7',
      ]);
      // The extension attributes survive the trip through Kafka's record value.
      expect(parseCloudEvent(Buffer.from(JSON.stringify(a)))).toMatchObject({
        traceparent: a?.traceparent,
        correlationid: 'req-7',
      });
    });

    it('keeps the origin a message already carries', () => {
      const carried = {
        ...parcel('x'),
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        correlationid: 'old',
      };
      const [entry] = withCorrelation(['new'], () =>
        stampOrigins([{ topic: TOPIC, event: carried }]),
      );
      expect(entry?.event).toEqual(carried);
    });

    it('handles a message in a process span, child of its create span, with its correlation ids in scope', async () => {
      const request = tracer().startSpan('POST /capture');
      const [event] = context.with(trace.setSpan(context.active(), request), () =>
        withCorrelation(['req-1'], () => stampOrigins([{ topic: TOPIC, event: parcel('one') }])),
      );
      request.end();
      let inScope: readonly string[] = [];
      let active: string | undefined;

      await processTraced({ topic: TOPIC, group: 'spec-group' }, [event.event], () => {
        inScope = currentCorrelationIds();
        active = trace.getActiveSpan()?.spanContext().spanId;
        return Promise.resolve();
      });

      const process = spanNamed(`process ${TOPIC}`);
      expect(process.kind).toBe(SpanKind.CONSUMER);
      expect(process.spanContext().traceId).toBe(request.spanContext().traceId);
      expect(process.parentSpanContext?.spanId).toBe(parts(event.event.traceparent).spanId);
      expect(process.attributes).toMatchObject({
        'messaging.consumer.group.name': 'spec-group',
        'messaging.message.id': 'parcel:one',
      });
      expect(active).toBe(process.spanContext().spanId);
      expect(inScope).toEqual(['req-1']);
    });

    it('handles a batch from several traces as the child of the first and linked to the others', async () => {
      const stampedIn = (name: string, id: string) => {
        const span = tracer().startSpan(name);
        const [entry] = context.with(trace.setSpan(context.active(), span), () =>
          withCorrelation([id], () => stampOrigins([{ topic: TOPIC, event: parcel(name) }])),
        );
        span.end();
        return { span, event: entry.event };
      };
      const first = stampedIn('first', 'req-1');
      const second = stampedIn('second', 'req-2');
      let inScope: readonly string[] = [];

      await processTraced(
        { topic: TOPIC, group: 'spec-group' },
        [first.event, second.event, first.event],
        () => {
          inScope = currentCorrelationIds();
          return Promise.resolve();
        },
      );

      const process = spanNamed(`process ${TOPIC}`);
      expect(process.spanContext().traceId).toBe(first.span.spanContext().traceId);
      expect(process.links.map((link) => link.context.traceId)).toEqual([
        second.span.spanContext().traceId,
      ]);
      expect(process.attributes['messaging.batch.message_count']).toBe(3);
      expect(inScope).toEqual(['req-1', 'req-2']);
    });

    it('marks the process span failed and throws the handler error unchanged', async () => {
      const refusal = new Error('refused');
      await expect(
        processTraced({ topic: TOPIC, group: 'g' }, [parcel('bad')], () => Promise.reject(refusal)),
      ).rejects.toBe(refusal);
      expect(spanNamed(`process ${TOPIC}`).status).toEqual({
        code: SpanStatusCode.ERROR,
        message: 'refused',
      });
    });
  });

  describe('with tracing off', () => {
    it('carries the correlation id alone: no traceparent, no span', async () => {
      const { manager, rows } = recordingTransaction();
      await withCorrelation(['req-9'], () =>
        new Outbox().enqueue(manager, { topic: TOPIC, key: 'a', event: parcel('a') }),
      );
      const [row] = rows();
      expect(row?.traceparent).toBeUndefined();
      expect(row?.correlationid).toBe('req-9');
      expect(correlationIdsIn(row)).toEqual(['req-9']);
    });

    it('reads only well-formed correlation ids from a message', () => {
      const event = { ...parcel('x'), correlationid: 'a-1 b"2 c:3' };
      expect(correlationIdsIn(event)).toEqual(['a-1', 'c:3']);
    });

    it('writes nothing extra outside any request or handler', async () => {
      const { manager, rows } = recordingTransaction();
      await new Outbox().enqueue(manager, { topic: TOPIC, key: 'a', event: parcel('a') });
      expect(rows()[0]).toEqual(parcel('a'));
    });
  });
});
