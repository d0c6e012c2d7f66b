import { ModuleRef } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

/**
 * Answers a service gives in Fastify's onRequest hook, before Nest's
 * per-request pipeline (pino-http's request logger and its async context,
 * guards, pipes, router): for hot public routes whose answer is already at
 * hand, such as a kept consumer page (decision 0030). `answer` sends the
 * reply and returns true, or returns false and leaves the request to Nest,
 * which answers it as if nothing had looked at it. Fastify's own hooks
 * still run for an early answer: the correlation id header, the metrics by
 * route. A service provides at most one (as `EarlyAnswer`).
 */
export abstract class EarlyAnswer {
  abstract answer(request: FastifyRequest, reply: FastifyReply): boolean;
}

/**
 * Asks the app's EarlyAnswer first, after the URL checks of configureHttpApp
 * and before Nest's middleware (registered when the app initialises, so
 * after this hook). Early answers skip pino-http, so their access log is
 * written here, in pino-http's shape without headers, when info is logged.
 */
export function answerEarly(app: NestFastifyApplication): void {
  let early: EarlyAnswer | null | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      early ??= lookUp(app);
      let answered: boolean;
      try {
        answered = early !== null && early.answer(request, reply);
      } catch (error) {
        done(error as Error);
        return;
      }
      if (!answered) {
        done();
        return;
      }
      const log = PinoLogger.root as typeof PinoLogger.root | undefined;
      if (log?.isLevelEnabled('info')) {
        reply.raw.once('finish', () =>
          log.info(
            {
              req: { id: request.id, method: request.method, url: request.url },
              res: { statusCode: reply.statusCode },
              responseTime: Math.round(reply.elapsedTime),
            },
            'request completed',
          ),
        );
      }
    });
}

/**
 * Null (asked, absent) is remembered; undefined means not asked yet. Asked
 * through the root ModuleRef, because the app's own `get` logs a missing
 * provider as an error, and most services have none.
 */
function lookUp(app: NestFastifyApplication): EarlyAnswer | null {
  try {
    return app.get(ModuleRef).get(EarlyAnswer, { strict: false });
  } catch {
    return null;
  }
}
