import { SpanKind, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AnchorRequestedV1 } from '@pujiang/contracts';
import { CloudEvent, createCloudEvent } from '@pujiang/messaging';
import { Tracing, currentCorrelationIds, startTracing } from '@pujiang/observability';
import { AnchoringTraces } from './anchoring-traces';

const request = (
  itemId: string,
  origin: Pick<CloudEvent, 'traceparent' | 'correlationid'>,
): CloudEvent<AnchorRequestedV1> => ({
  ...createCloudEvent({
    id: `anchor-requested:${itemId}`,
    source: '/spec',
    type: 'spec',
    data: { itemId, digest: 'd', organisation: 'Org1MSP' },
  }),
  ...origin,
});

/** A traceparent naming a span of its own trace, as traceability's outbox writes it. */
function remoteParent(): { traceparent: string; traceId: string; spanId: string } {
  const span = trace.getTracer('spec').startSpan('create pujiang.ledger.anchor-requested.v1');
  span.end();
  const { traceId, spanId } = span.spanContext();
  return { traceparent: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

/**
 * An anchor request's trace and correlation ids, carried across the batching
 * that follows: queued by the handler, submitted by the anchorer, confirmed
 * by the listener, each in its own loop.
 */
describe('AnchoringTraces', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  const named = (name: string): ReadableSpan[] =>
    exporter.getFinishedSpans().filter((span) => span.name === name);

  beforeAll(() => {
    tracing = startTracing({ exporter });
  });
  afterAll(async () => {
    await tracing?.shutdown();
  });
  beforeEach(() => exporter.reset());

  it('submits a batch as the child of the handling that queued its first item, and confirms it as the batch child', async () => {
    const traces = new AnchoringTraces();
    const first = remoteParent();
    const second = remoteParent();
    const handling = trace.getTracer('spec').startSpan(
      'process pujiang.ledger.anchor-requested.v1',
      {},
      trace.setSpanContext(context.active(), {
        traceId: first.traceId,
        spanId: first.spanId,
        traceFlags: 1,
        isRemote: true,
      }),
    );
    context.with(trace.setSpan(context.active(), handling), () =>
      traces.queued([
        request('item-1', { traceparent: first.traceparent, correlationid: 'req-1' }),
        request('item-2', { traceparent: second.traceparent, correlationid: 'req-2' }),
        request('item-3', {}),
      ]),
    );
    handling.end();
    const seen: { submit?: readonly string[]; confirm?: readonly string[] } = {};

    await traces.submission('batch-1', ['item-1', 'item-2', 'item-3'], () => {
      seen.submit = currentCorrelationIds();
      return Promise.resolve();
    });
    await traces.confirmation('batch-1', 'BatchAnchored', () => {
      seen.confirm = currentCorrelationIds();
      return Promise.resolve();
    });

    const [batch] = named('anchor batch');
    const [confirmed] = named('chaincode event BatchAnchored');
    expect(batch?.spanContext().traceId).toBe(first.traceId);
    expect(batch?.parentSpanContext?.spanId).toBe(handling.spanContext().spanId);
    expect(batch?.links.map((link) => link.context.spanId)).toEqual([second.spanId]);
    expect(batch?.attributes).toMatchObject({
      'pujiang.anchor.batch_id': 'batch-1',
      'pujiang.anchor.items': 3,
    });
    expect(confirmed?.kind).toBe(SpanKind.CONSUMER);
    expect(confirmed?.parentSpanContext?.spanId).toBe(batch?.spanContext().spanId);
    expect(seen).toEqual({ submit: ['req-1', 'req-2'], confirm: ['req-1', 'req-2'] });
  });

  it('resubmits a batch in the trace of its first attempt', async () => {
    const traces = new AnchoringTraces();
    const origin = remoteParent();
    traces.queued([request('item-9', { traceparent: origin.traceparent, correlationid: 'req-9' })]);

    await expect(
      traces.submission('batch-9', ['item-9'], () => Promise.reject(new Error('peer away'))),
    ).rejects.toThrow('peer away');
    let correlation: readonly string[] = [];
    await traces.submission('batch-9', ['item-9'], () => {
      correlation = currentCorrelationIds();
      return Promise.resolve();
    });

    const [failed, retried] = named('anchor batch');
    expect(retried?.spanContext().traceId).toBe(origin.traceId);
    expect(retried?.parentSpanContext?.spanId).toBe(failed?.spanContext().spanId);
    expect(correlation).toEqual(['req-9']);
  });

  it('starts a new trace, without ids, for a batch this process never saw queued', async () => {
    const traces = new AnchoringTraces();
    let correlation: readonly string[] = ['unset'];

    await traces.confirmation('elsewhere', 'BatchAnchored', () => {
      correlation = currentCorrelationIds();
      return Promise.resolve();
    });

    expect(named('chaincode event BatchAnchored')[0]?.parentSpanContext).toBeUndefined();
    expect(correlation).toEqual([]);
  });
});
