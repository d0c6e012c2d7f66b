import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@pujiang/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf, requestFingerprint } from './idempotency-key';
import { IdempotentRequests, KeyedRequest } from './idempotent-requests';
import { IDEMPOTENT_CALLER, IdempotentCaller } from './idempotent-caller';

export const REPLAYED_HEADER = 'idempotent-replayed';
/** Seconds a copy that found the first still running is told to wait. */
const IN_FLIGHT_RETRY_AFTER = '1';

/**
 * Runs a write at most once per caller, route and Idempotency-Key: the first
 * request reserves the key and runs; a retry with the same request gets the
 * first answer back (same status, same body) without running again; the key
 * with another request is a 422; a copy arriving while the first runs is a
 * 409 with Retry-After. A run that fails lets its key go and the retry runs:
 * a refusal here changes nothing, and a 503 is what a client retries for.
 * Without the header the route runs as it always did.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly requests: IdempotentRequests,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const key = idempotencyKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (key === undefined) return next.handle();
    const callerOf = this.reflector.get<IdempotentCaller | undefined>(
      IDEMPOTENT_CALLER,
      context.getHandler(),
    );
    const caller = callerOf?.(request);
    if (caller === undefined) {
      throw new Error('an @Idempotent route needs a guard that authenticates the caller');
    }
    const keyed: KeyedRequest = {
      caller,
      route: `${request.method} ${request.routeOptions.url ?? request.url}`,
      key,
      fingerprint: requestFingerprint(request.method, request.url, request.body),
    };
    const reservation = await this.requests.reserve(keyed);
    switch (reservation.outcome) {
      case 'other-request':
        throw new ProblemException(
          422,
          'this Idempotency-Key was already used for another request: send a new key for a new request',
        );
      case 'in-flight':
        void reply.header('retry-after', IN_FLIGHT_RETRY_AFTER);
        throw new ProblemException(
          409,
          'a request with this Idempotency-Key is still running: retry it shortly for its answer',
        );
      case 'replay':
        void reply.status(reservation.statusCode).header(REPLAYED_HEADER, 'true');
        return of(
          reservation.body === null ? undefined : (JSON.parse(reservation.body) as unknown),
        );
      case 'run':
        return next.handle().pipe(
          mergeMap((answer) =>
            from(this.keep(context, keyed, reservation.attempt, answer)).pipe(
              mergeMap(() => of(answer)),
            ),
          ),
          catchError((error: unknown) =>
            from(this.letGo(keyed, reservation.attempt)).pipe(
              mergeMap(() => throwError(() => error)),
            ),
          ),
        );
    }
  }

  /** The caller hears why its request failed even if the key cannot be let go (its lease then ends it). */
  private async letGo(keyed: KeyedRequest, attempt: string): Promise<void> {
    try {
      await this.requests.release(keyed, attempt);
    } catch (error) {
      this.logger.error(
        { err: error, route: keyed.route },
        'the key of a failed request stays held',
      );
    }
  }

  /**
   * Stores the answer as it is about to be sent: the route's status and the
   * JSON body Fastify will write. If it cannot be stored the effect still
   * happened, so the caller gets its answer; the key stays reserved until its
   * lease ends.
   */
  private async keep(
    context: ExecutionContext,
    keyed: KeyedRequest,
    attempt: string,
    answer: unknown,
  ): Promise<void> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);
    try {
      const body = answer === undefined ? null : JSON.stringify(answer);
      await this.requests.complete(keyed, attempt, statusCode, body);
    } catch (error) {
      this.logger.error(
        { err: error, route: keyed.route },
        'the answer could not be kept for retries',
      );
    }
  }
}
