import { ProxyTracerProvider, context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, detectResources, envDetector } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  SpanExporter,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { TracingConfig, tracesWanted } from './tracing.config';

/** A running tracer provider: flush what is buffered and stop, when the service stops. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Where spans go: the configured exporter, batched, or (tests) an exporter
 * given as it is, each span handed over as it ends.
 */
export type TracingSetup = TracingConfig | { exporter: SpanExporter };

/**
 * Registers the OpenTelemetry SDK for the process (tracer provider, context
 * manager on AsyncLocalStorage, W3C trace-context propagator), if the
 * configuration asks for spans. Otherwise nothing is registered: the
 * instrumented code talks to OpenTelemetry's no-op API and costs next to
 * nothing. Call before the application is created.
 */
export function startTracing(setup: TracingSetup): Tracing | undefined {
  const processor = spanProcessorOf(setup);
  if (processor === undefined) return undefined;
  const provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, as every OpenTelemetry SDK reads them.
    resource: defaultResource().merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [processor],
  });
  provider.register();
  return {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function spanProcessorOf(setup: TracingSetup): SpanProcessor | undefined {
  if ('exporter' in setup) return new SimpleSpanProcessor(setup.exporter);
  if (!tracesWanted(setup)) return undefined;
  // The exporter reads its endpoint, headers and timeout from the OTEL_EXPORTER_OTLP_* variables.
  const exporter =
    setup.OTEL_TRACES_EXPORTER === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter();
  return new BatchSpanProcessor(exporter);
}

/**
 * Whether an SDK is registered, so spans are real: the cheap check that
 * keeps per-request hooks out of a service that does not trace.
 */
export function tracingIsOn(): boolean {
  const provider = trace.getTracerProvider();
  return (
    provider instanceof ProxyTracerProvider &&
    provider.getDelegateTracer('@pujiang/observability') !== undefined
  );
}
