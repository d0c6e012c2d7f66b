import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind, context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Topic } from '@pujiang/contracts';
import { Tracing, startTracing } from '@pujiang/observability';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { supplyChainDocument } from '../../services/traceability/src/epcis/testing/supply-chain.fixture';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { ORG1_PACKER, bearer } from '../support/stack-tokens';

interface LogLine {
  context?: string;
  msg?: string;
  correlationId?: string;
  correlationIds?: string[];
  traceId?: string;
}

/**
 * Issue 19, item 3: one capture, followed by its trace and its correlation id
 * through both services on the real stack. Traceability takes the capture
 * over HTTP and writes the anchor requests to its outbox; the ledger service
 * handles them from Kafka, anchors their batch on Fabric and, from the
 * chaincode's event, announces the batch through its outbox; traceability
 * handles that announcement into its read model. Every span of it is in one
 * trace, each the child of the step before, and the request's x-request-id is
 * in the log lines of both services' handling.
 */
describe('a capture traced to its anchor-committed message, across traceability and the ledger', () => {
  const exporter = new InMemorySpanExporter();
  const lines: LogLine[] = [];
  const logs = {
    level: 'debug',
    destination: {
      write: (line: string) => {
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  };
  const requestId = `e2e-trace-${randomBytes(4).toString('hex')}`;
  let tracing: Tracing | undefined;
  let traceability: { app: NestFastifyApplication; url: string } | undefined;
  let ledger: { app: NestFastifyApplication; url: string } | undefined;
  let caller: ReadableSpan | undefined;
  let spans: ReadableSpan[] = [];

  beforeAll(async () => {
    tracing = startTracing({ exporter });
    ledger = await startService('ledger', LedgerApp, 1, logs);
    traceability = await startService('traceability', TraceabilityApp, 1, logs);

    // The client's own span, sent as W3C traceparent with the capture.
    const client = trace.getTracer('e2e').startSpan('client capture', { kind: SpanKind.CLIENT });
    const headers: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), client), headers);
    const res = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: {
        ...(await bearer(ORG1_PACKER)),
        ...headers,
        'x-request-id': requestId,
        'content-type': 'application/ld+json',
      },
      body: JSON.stringify(supplyChainDocument(`trc${randomBytes(3).toString('hex')}`)),
    });
    client.end();
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const traceId = client.spanContext().traceId;
    caller = exporter.getFinishedSpans().find((span) => span.name === 'client capture');
    spans = await eventually(
      () => {
        const ours = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
        const done = ours.some((s) => s.name === `process ${Topic.anchorCommitted}`);
        return done ? ours : undefined;
      },
      'the anchor-committed message to be handled in the capture trace',
      90_000,
    );
  });

  afterAll(async () => {
    await traceability?.app.close();
    await ledger?.app.close();
    await tracing?.shutdown();
  });

  /**
   * The spans of the trace with this name whose parent is one of `parents`:
   * at least one. (A capture's requests usually share one fetch and one
   * batch; split across two, each step has two spans, each with its parent.)
   */
  function childrenOf(parents: ReadableSpan[], name: string): ReadableSpan[] {
    const ids = new Set(parents.map((parent) => parent.spanContext().spanId));
    const found = spans.filter(
      (span) => span.name === name && ids.has(span.parentSpanContext?.spanId ?? ''),
    );
    if (found.length === 0) {
      const seen = spans.map((s) => `${s.name} <- ${s.parentSpanContext?.spanId ?? 'root'}`);
      throw new Error(
        `no "${name}" under ${parents.map((p) => p.name).join(', ')}: ${seen.join('; ')}`,
      );
    }
    return found;
  }

  it('runs one trace id from the POST to the read model update, each span the child of the step before', () => {
    const server = childrenOf(caller === undefined ? [] : [caller], 'POST /capture');
    const requested = childrenOf(server, `create ${Topic.anchorRequested}`);
    const queued = childrenOf(requested, `process ${Topic.anchorRequested}`);
    const batches = childrenOf(queued, 'anchor batch');
    const submitted = childrenOf(batches, 'fabric submit TraceAnchor.anchorBatch');
    const confirmed = childrenOf(batches, 'chaincode event BatchAnchored');
    const announced = childrenOf(confirmed, `create ${Topic.anchorCommitted}`);
    const recorded = childrenOf(announced, `process ${Topic.anchorCommitted}`);

    expect(server).toHaveLength(1);
    expect(server[0]?.kind).toBe(SpanKind.SERVER);
    expect(server[0]?.attributes['http.response.status_code']).toBe(202);
    const kinds = (step: ReadableSpan[]) => [...new Set(step.map((span) => span.kind))];
    expect([kinds(requested), kinds(announced)]).toEqual([
      [SpanKind.PRODUCER],
      [SpanKind.PRODUCER],
    ]);
    expect([kinds(queued), kinds(confirmed), kinds(recorded)]).toEqual([
      [SpanKind.CONSUMER],
      [SpanKind.CONSUMER],
      [SpanKind.CONSUMER],
    ]);
    expect(kinds(submitted)).toEqual([SpanKind.CLIENT]);
    // Two services: the ledger's consumer group took the requests, traceability's the announcement.
    for (const span of queued) {
      expect(span.attributes['messaging.consumer.group.name']).toBe(
        'pujiang-ledger.anchor-requests.Org1MSP',
      );
    }
    for (const span of recorded) {
      expect(span.attributes['messaging.consumer.group.name']).toBe(
        'pujiang-traceability.anchor-committed',
      );
    }
    for (const span of submitted) {
      expect(span.attributes['fabric.tx_id']).toEqual(expect.stringMatching(/^[0-9a-f]{64}$/));
    }
    const traceIds = new Set(
      [server, requested, queued, batches, submitted, confirmed, announced, recorded]
        .flat()
        .map((span) => span.spanContext().traceId),
    );
    expect([...traceIds]).toEqual([caller?.spanContext().traceId]);
  });

  it('logs the request x-request-id in the ledger service handling and anchoring, and in traceability handling of the announcement', () => {
    const correlated = (contextName: string, message: string) =>
      lines.filter(
        (line) =>
          line.context === contextName &&
          line.msg === message &&
          (line.correlationId === requestId || line.correlationIds?.includes(requestId) === true),
      );

    expect(
      correlated('AnchorRequestsConsumer', 'anchor requests queued for the next batch'),
    ).not.toHaveLength(0);
    expect(correlated('Anchorer', 'batch submitted to the ledger')).not.toHaveLength(0);
    expect(
      correlated('AnchorConfirmations', 'batch anchored; anchor-committed announced'),
    ).not.toHaveLength(0);
    expect(
      correlated('AnchorCommittedConsumer', 'anchored events recorded with their proofs'),
    ).not.toHaveLength(0);
    // The same lines name the trace, so a log line leads to its trace.
    const [submitted] = correlated('Anchorer', 'batch submitted to the ledger');
    expect(submitted?.traceId).toBe(caller?.spanContext().traceId);
  });
});
