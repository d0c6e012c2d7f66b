import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { FastifyInstance, onRequestHookHandler } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';

/**
 * What a correlation id may look like to travel on: it goes into messages and
 * other services' logs, so a client's x-request-id that is long or holds
 * spaces, quotes or control characters is not carried (its own request still
 * logs it).
 */
export const CORRELATION_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Work caused by many requests (an anchor batch) carries this many of their ids at most. */
export const MAX_CORRELATION_IDS = 10;

interface Correlation {
  ids: readonly string[];
}

const scope = new AsyncLocalStorage<Correlation>();

/** The correlation ids of the request or message being handled, first the one it began with. */
export function currentCorrelationIds(): readonly string[] {
  return scope.getStore()?.ids ?? [];
}

/** At most MAX_CORRELATION_IDS distinct well-formed ids, in their first order. */
export function correlationIdsOf(candidates: Iterable<string | undefined>): string[] {
  const ids = new Set<string>();
  for (const id of candidates) {
    if (ids.size >= MAX_CORRELATION_IDS) break;
    if (id !== undefined && CORRELATION_ID.test(id)) ids.add(id);
  }
  return [...ids];
}

/** Methods that may change state, and so write to the outbox; reads never do. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Requests that may write are correlated by their id (x-request-id, given or
 * made up), so whatever they write to the outbox carries it: one
 * AsyncLocalStorage scope per request, hooked on those routes only, so a read
 * (the consumer page) pays nothing. Their logs already carry the id (pino-http).
 */
export function correlateRequests(fastify: FastifyInstance): void {
  const correlate: onRequestHookHandler = (request, _reply, done) => {
    const ids = CORRELATION_ID.test(request.id) ? [request.id] : [];
    scope.run({ ids }, done);
  };
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((method) => WRITES.has(method))) return;
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [correlate, ...own];
  });
}

/**
 * Runs `work` (a message handler, an anchor batch) correlated with the
 * requests it follows from: what it writes to the outbox carries their ids,
 * and every line it logs through Nest's Logger has them (`correlationId`, or
 * `correlationIds` when it follows from several) with the trace and span id
 * when it is traced.
 */
export function withCorrelation<T>(ids: readonly string[], work: () => T): T {
  const bindings = logBindings(ids);
  const logger = storage.getStore()?.logger ?? rootLogger();
  const run = () => scope.run({ ids }, work);
  if (logger === undefined || bindings === undefined) return run();
  return storage.run(new Store(logger.child(bindings)), run);
}

function logBindings(ids: readonly string[]): Record<string, unknown> | undefined {
  const span = trace.getActiveSpan()?.spanContext();
  const traced =
    span !== undefined && isSpanContextValid(span)
      ? { traceId: span.traceId, spanId: span.spanId }
      : {};
  if (ids.length === 0 && !('traceId' in traced)) return undefined;
  const [first] = ids;
  const correlation =
    ids.length > 1 ? { correlationIds: ids } : first === undefined ? {} : { correlationId: first };
  return { ...correlation, ...traced };
}

/** The application's pino logger, once nestjs-pino's LoggerModule has made it (none in unit tests). */
function rootLogger(): PinoLogger['logger'] | undefined {
  return (PinoLogger as unknown as { root?: PinoLogger['logger'] }).root;
}
