import {
  Attributes,
  Context,
  Link,
  Span,
  SpanKind,
  SpanStatusCode,
  context,
  trace,
} from '@opentelemetry/api';

export interface SpanPlan {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context unless given. */
  parent?: Context;
  /** Other spans this one follows from (the other messages of a batch). */
  links?: Link[];
}

/**
 * Runs `work` in a new active span of `tracer`, which ends when the work
 * does; an error is recorded on it (status ERROR) and thrown on unchanged.
 * With tracing off the span is OpenTelemetry's no-op one.
 */
export async function inSpan<T>(
  tracerName: string,
  name: string,
  plan: SpanPlan,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = plan.parent ?? context.active();
  const span = trace.getTracer(tracerName).startSpan(
    name,
    {
      ...(plan.kind === undefined ? {} : { kind: plan.kind }),
      ...(plan.attributes === undefined ? {} : { attributes: plan.attributes }),
      ...(plan.links === undefined || plan.links.length === 0 ? {} : { links: plan.links }),
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span failed by `error`. */
export function failed(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}
