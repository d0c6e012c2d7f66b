export { Metrics, Reading, ReadOnScrape, readingsBy } from './metrics';
export { MetricsModule } from './metrics.module';
export { installObservability, METRICS_PATH } from './install-observability';
export { ASYNCAPI_PATH, describeMessages } from './asyncapi/asyncapi-document';
export { DOCS_PATH } from './api-docs';
export { UNMATCHED_ROUTE } from './http-metrics';
