import { randomUUID } from 'node:crypto';
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { installObservability } from '@pujiang/observability';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { answerEarly } from './early-answer';
import { parseJsonBodies } from './json-body';
import { serveOpenApi } from './openapi';
import { ProblemDetailsFilter } from './problem.filter';
import { replyWithProblem } from './problem-reply';
import { strictValidationPipe } from './validation';

export interface HttpAppOptions {
  /** Largest request body accepted, in bytes; larger ones get 413 before parsing. */
  bodyLimit: number;
  /** Proxies whose X-Forwarded-For is believed (HttpConfig.HTTP_TRUSTED_PROXIES); none by default. */
  trustedProxies?: string[];
}

const CORRELATION_HEADER = 'x-request-id';
const MAX_PATH_SEGMENT = 2048;
/** A NUL anywhere in the URL (PostgreSQL text cannot hold one, no identifier has one). */
const ENCODED_NUL = /%00/;

/** Fastify with the body limit, correlation ids taken from (or given to) x-request-id. */
export function fastifyAdapter(options: HttpAppOptions): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: options.bodyLimit,
    requestIdHeader: CORRELATION_HEADER,
    genReqId: () => randomUUID(),
    trustProxy: options.trustedProxies ?? false,
    // EPCIS eventIDs travel in the path, percent-encoded; Fastify's default of 100 is too short.
    routerOptions: { maxParamLength: MAX_PATH_SEGMENT },
    // Malformed URLs and over-long path segments are refused before routing; still as problems.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      void replyWithProblem(request, reply, error.statusCode ?? 400, error.message);
    },
  });
}

export const NEST_APP_OPTIONS = {
  bufferLogs: true,
  // Let the caller report a failed start (e.g. invalid configuration) instead of a bare exit.
  abortOnError: false,
  // Fastify's own JSON parser only: Nest would also read form bodies, which no API here takes.
  bodyParser: false,
} as const;

/**
 * Creates a service's HTTP application the same way everywhere: Fastify,
 * pino logs, strict validation, problem+json errors, correlation ids, the
 * OpenAPI document, metrics, Swagger UI, the AsyncAPI document and graceful
 * shutdown on SIGTERM/SIGINT.
 */
export async function createHttpApp(
  rootModule: Type<unknown>,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule,
    fastifyAdapter(options),
    NEST_APP_OPTIONS,
  );
  configureHttpApp(app);
  return app;
}

/** Everything createHttpApp does after creating the app; tests with overridden providers call it too. */
export function configureHttpApp(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('text/plain');
  // JSON-LD (EPCIS documents) is JSON: same parser, same limits.
  parseJsonBodies(fastify);
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  // Hooks on every request take a callback, not a promise: no promise to make per request.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (ENCODED_NUL.test(request.url)) {
      void replyWithProblem(request, reply, 400, 'the URL contains a NUL character');
      return;
    }
    done();
  });
  answerEarly(app);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done(null, payload);
  });
  serveOpenApi(app);
  installObservability(app);
}

export async function listen(app: INestApplication, port: number, host: string): Promise<string> {
  await app.listen(port, host);
  return app.getUrl();
}
