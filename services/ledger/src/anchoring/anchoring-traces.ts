import { Injectable } from '@nestjs/common';
import { Link, ROOT_CONTEXT, SpanContext, SpanKind, trace } from '@opentelemetry/api';
import { AnchorRequestedV1 } from '@pujiang/contracts';
import { CloudEvent, correlationIdsIn } from '@pujiang/messaging';
import { correlationIdsOf, inSpan, spanContextFrom, withCorrelation } from '@pujiang/observability';

const TRACER = '@pujiang/ledger';
/** Items and batches remembered at most: a bound, not a cache size anyone tunes. */
const MAX_ITEMS = 100_000;
const MAX_BATCHES = 10_000;

/** Where an item's anchoring comes from: the span that queued it and its request's correlation ids. */
interface Origin {
  span?: SpanContext;
  correlationIds: readonly string[];
}

/**
 * Carries each anchor request's trace and correlation ids across the batching
 * that follows (docs/decisions/0029): a request is queued by a message
 * handler, sealed into a batch with others, submitted by the anchorer and
 * confirmed by the chaincode event listener, each in its own loop. The
 * batch's span is the child of its first item's and linked to the others';
 * its confirmation is the child of the batch's span; all log with the
 * correlation ids of the batch's requests.
 *
 * Kept in this process's memory, bounded: a service restarted between a
 * request and its confirmation, or a replica confirming another's batch,
 * starts a new trace without the ids. Nothing here decides anything.
 */
@Injectable()
export class AnchoringTraces {
  private readonly items = new Bounded<string, Origin>(MAX_ITEMS);
  private readonly batches = new Bounded<string, Origin>(MAX_BATCHES);

  /** In the anchor requests' handler: where each queued item comes from. */
  queued(events: readonly CloudEvent<AnchorRequestedV1>[]): void {
    const handling = trace.getActiveSpan()?.spanContext();
    for (const event of events) {
      const correlationIds = correlationIdsIn(event);
      const own = spanContextFrom(event);
      // The handler's span when it is in the request's trace (its first message's); else the request's own.
      const span = own !== undefined && handling?.traceId === own.traceId ? handling : own;
      if (span === undefined && correlationIds.length === 0) continue;
      this.items.set(event.data.itemId, {
        ...(span === undefined ? {} : { span }),
        correlationIds,
      });
    }
  }

  /** Submits a batch in its span `anchor batch`, correlated with its items' requests. */
  submission<T>(batchId: string, itemIds: readonly string[], work: () => Promise<T>): Promise<T> {
    const origins = this.originsOf(batchId, itemIds);
    const [first, ...others] = distinctSpans(origins);
    const correlationIds = correlationIdsOf(origins.flatMap((origin) => origin.correlationIds));
    return inSpan(
      TRACER,
      'anchor batch',
      {
        parent: first === undefined ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, first),
        links: others.map((context): Link => ({ context })),
        attributes: { 'pujiang.anchor.batch_id': batchId, 'pujiang.anchor.items': itemIds.length },
      },
      (span) => {
        const own = span.spanContext();
        this.batches.set(batchId, {
          ...(trace.isSpanContextValid(own) ? { span: own } : {}),
          correlationIds,
        });
        return withCorrelation(correlationIds, work);
      },
    );
  }

  /** Confirms a batch in its span, the child of the batch's own, correlated like it. */
  confirmation<T>(batchId: string, eventName: string, work: () => Promise<T>): Promise<T> {
    const origin = this.batches.get(batchId);
    return inSpan(
      TRACER,
      `chaincode event ${eventName}`,
      {
        kind: SpanKind.CONSUMER,
        parent:
          origin?.span === undefined
            ? ROOT_CONTEXT
            : trace.setSpanContext(ROOT_CONTEXT, origin.span),
        attributes: { 'pujiang.anchor.batch_id': batchId },
      },
      () => withCorrelation(origin?.correlationIds ?? [], work),
    );
  }

  /** The batch's origins, from its items the first time (a resubmission finds them on the batch). */
  private originsOf(batchId: string, itemIds: readonly string[]): Origin[] {
    const known = this.batches.get(batchId);
    if (known !== undefined) return [known];
    const origins: Origin[] = [];
    for (const itemId of itemIds) {
      const origin = this.items.get(itemId);
      if (origin === undefined) continue;
      origins.push(origin);
      this.items.delete(itemId);
    }
    return origins;
  }
}

/** The spans origins name, each once, in their first order. */
function distinctSpans(origins: readonly Origin[]): SpanContext[] {
  const seen = new Map<string, SpanContext>();
  for (const { span } of origins) {
    if (span !== undefined) seen.set(`${span.traceId}/${span.spanId}`, span);
  }
  return [...seen.values()];
}

/** A map that forgets its oldest entries beyond `max`. */
class Bounded<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
