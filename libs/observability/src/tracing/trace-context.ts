import {
  Context,
  ROOT_CONTEXT,
  SpanContext,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';

/** W3C trace context as text: the CloudEvents distributed-tracing extension's attributes. */
export interface TraceContextCarrier {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The trace context of `within` (the active one unless given) as W3C
 * `traceparent`/`tracestate`, through the registered propagator: nothing when
 * tracing is off, or when nothing is traced there.
 */
export function traceContextOf(within: Context = context.active()): TraceContextCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(within, carrier);
  const { traceparent, tracestate } = carrier;
  return {
    ...(traceparent === undefined ? {} : { traceparent }),
    ...(tracestate === undefined ? {} : { tracestate }),
  };
}

/** The remote span a carrier names, as a parent context; the root context if it names none. */
export function contextFrom(carrier: TraceContextCarrier): Context {
  if (carrier.traceparent === undefined) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The span context a carrier names, if it names a valid one. */
export function spanContextFrom(carrier: TraceContextCarrier): SpanContext | undefined {
  const found = trace.getSpanContext(contextFrom(carrier));
  return found !== undefined && trace.isSpanContextValid(found) ? found : undefined;
}
