import { Link, ROOT_CONTEXT, SpanKind, context, trace } from '@opentelemetry/api';
import {
  contextFrom,
  correlationIdsOf,
  currentCorrelationIds,
  inSpan,
  spanContextFrom,
  TraceContextCarrier,
  traceContextOf,
  withCorrelation,
} from '@pujiang/observability';
import { CloudEvent } from '../cloud-event';

const TRACER = '@pujiang/messaging';

/** The correlation ids a message carries (its `correlationid` extension). */
export function correlationIdsIn(event: CloudEvent): string[] {
  return correlationIdsOf(event.correlationid?.split(' ') ?? []);
}

/**
 * Stamps messages written now with where they come from: per topic a
 * PRODUCER span `create <topic>`, child of the active one (the request, the
 * handler), whose trace context becomes its messages' `traceparent`, and the
 * correlation ids in scope. A message that already says where it comes from
 * keeps it. With tracing off, only the correlation ids are added.
 */
export function stampOrigins<E extends { topic: string; event: CloudEvent<unknown> }>(
  entries: readonly E[],
): E[] {
  const counts = new Map<string, number>();
  for (const { topic } of entries) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  const ids = currentCorrelationIds();
  const correlation = ids.length === 0 ? {} : { correlationid: ids.join(' ') };
  const origins = new Map<string, Partial<CloudEvent>>();
  for (const [topic, count] of counts) {
    origins.set(topic, { ...createdNow(topic, count), ...correlation });
  }
  return entries.map((entry) =>
    entry.event.traceparent !== undefined || entry.event.correlationid !== undefined
      ? entry
      : { ...entry, event: { ...entry.event, ...origins.get(entry.topic) } },
  );
}

/** The trace context of a `create <topic>` span for `count` messages, ended at once. */
function createdNow(topic: string, count: number): TraceContextCarrier {
  const span = trace.getTracer(TRACER).startSpan('create ' + topic, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'create',
      'messaging.destination.name': topic,
      'messaging.batch.message_count': count,
    },
  });
  span.end();
  return traceContextOf(trace.setSpan(context.active(), span));
}

/**
 * Handles messages of `topic` in a CONSUMER span `process <topic>`: the child
 * of the first message's span, linked to the other spans the batch's
 * messages come from, and correlated (logs, outbox) with the ids they carry.
 */
export function processTraced<R>(
  where: { topic: string; group: string },
  events: readonly CloudEvent[],
  work: () => Promise<R>,
): Promise<R> {
  const seen = new Set<string>();
  const origins: { traceparent: string; tracestate?: string }[] = [];
  for (const event of events) {
    if (event.traceparent === undefined || seen.has(event.traceparent)) continue;
    seen.add(event.traceparent);
    origins.push({
      traceparent: event.traceparent,
      ...(event.tracestate === undefined ? {} : { tracestate: event.tracestate }),
    });
  }
  const [first, ...others] = origins;
  const links = others
    .map((origin) => spanContextFrom(origin))
    .filter((linked) => linked !== undefined)
    .map((linked): Link => ({ context: linked }));
  const [single] = events;
  return inSpan(
    TRACER,
    'process ' + where.topic,
    {
      kind: SpanKind.CONSUMER,
      parent: first === undefined ? ROOT_CONTEXT : contextFrom(first),
      links,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': where.topic,
        'messaging.consumer.group.name': where.group,
        'messaging.batch.message_count': events.length,
        ...(events.length === 1 && single !== undefined
          ? { 'messaging.message.id': single.id }
          : {}),
      },
    },
    () => withCorrelation(correlationIdsOf(events.flatMap(correlationIdsIn)), work),
  );
}
