export { Metrics, Reading, ReadOnScrape, readingsBy } from './metrics';
export { MetricsModule } from './metrics.module';
export { installObservability, METRICS_PATH } from './install-observability';
export { ASYNCAPI_PATH, describeMessages } from './asyncapi/asyncapi-document';
export { DOCS_PATH } from './api-docs';
export { UNMATCHED_ROUTE } from './http-metrics';
export { TracingConfig, tracesWanted } from './tracing/tracing.config';
export { Tracing, TracingSetup, startTracing, tracingIsOn } from './tracing/start-tracing';
export {
  TraceContextCarrier,
  contextFrom,
  spanContextFrom,
  traceContextOf,
} from './tracing/trace-context';
export { SpanPlan, failed, inSpan } from './tracing/spans';
export {
  CORRELATION_ID,
  correlationIdsOf,
  currentCorrelationIds,
  withCorrelation,
} from './tracing/correlation';
