import { FastifyInstance } from 'fastify';
import { Metrics } from './metrics';

/** Requests answered by no route share one label, so a scan cannot grow the series without end. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * HTTP rate, errors and duration by route: one histogram whose count is the
 * rate and whose `status` label gives the errors. The route is the pattern
 * (`/events/:eventID`), never the URL, for the same reason.
 */
export function measureHttp(fastify: FastifyInstance, metrics: () => Metrics | undefined): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const registry = metrics();
    if (registry === undefined) return;
    registry
      .histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP requests by method, route pattern and status, and how long each took',
        labelNames: ['method', 'route', 'status'] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      })
      .observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? UNMATCHED_ROUTE,
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
  });
}
