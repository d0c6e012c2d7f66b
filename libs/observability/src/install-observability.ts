import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { serveApiDocs } from './api-docs';
import { ASYNCAPI_PATH, describeMessages } from './asyncapi/asyncapi-document';
import { measureHttp } from './http-metrics';
import { Metrics } from './metrics';
import { correlateRequests } from './tracing/correlation';
import { traceHttp } from './tracing/http-tracing';

export const METRICS_PATH = '/metrics';

/**
 * What every service exposes to operate it, on its own port and without a
 * token (docs/decisions/0026): HTTP metrics and GET /metrics (when the app
 * has MetricsModule, which MessagingModule brings), Swagger UI at /docs and
 * the AsyncAPI document at /asyncapi.json; each request's correlation id
 * for what it writes to the outbox, and its span when tracing is on
 * (docs/decisions/0029). Call before the routes are registered
 * (configureHttpApp does).
 */
export function installObservability(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  correlateRequests(fastify);
  traceHttp(fastify);
  let metrics: Metrics | null | undefined;
  const metricsOfApp = (): Metrics | undefined => {
    metrics ??= lookUp(app);
    return metrics ?? undefined;
  };
  measureHttp(fastify, metricsOfApp);
  fastify.get(METRICS_PATH, async (_request, reply) => {
    const registry = metricsOfApp();
    if (registry === undefined) return reply.callNotFound();
    const { contentType, body } = await registry.exposition();
    return reply.type(contentType).send(body);
  });
  serveApiDocs(fastify);
  let messages: Record<string, unknown> | undefined;
  fastify.get(ASYNCAPI_PATH, async (_request, reply) => {
    messages ??= describeMessages();
    return reply.type('application/json').send(messages);
  });
}

/** Null (asked, absent) is remembered; undefined means not asked yet. */
function lookUp(app: NestFastifyApplication): Metrics | null {
  try {
    return app.get(Metrics, { strict: false });
  } catch {
    return null;
  }
}
