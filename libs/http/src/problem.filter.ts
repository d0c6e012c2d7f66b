import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, titleFor } from './problem-details';
import { ProblemException } from './problem.exception';

/**
 * Every error leaves the service as application/problem+json carrying the
 * correlation id that is also in the logs. Server errors keep their details
 * in the log, never in the response.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, correlationId: problem.correlationId }, problem.title);
    }
    if (exception instanceof ProblemException) void reply.headers(exception.headers);
    void reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(this.body({ problem, request }));
  }

  /**
   * What is sent: the problem itself. A family of routes whose standard fixes another error
   * shape adds that shape's fields here (the eBL service's DCSA routes).
   */
  protected body(refusal: { problem: ProblemDetails; request: FastifyRequest }): object {
    return refusal.problem;
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    const base = { instance: request.url, correlationId: String(request.id) };
    if (exception instanceof ProblemException) {
      const status = exception.getStatus();
      return {
        type: exception.problemType,
        title: titleFor(status),
        status,
        detail: exception.detail,
        ...base,
        ...(exception.fieldProblems.length > 0 ? { errors: exception.fieldProblems } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        type: 'about:blank',
        title: titleFor(status),
        status,
        detail: exception.message,
        ...base,
      };
    }
    const status = clientErrorStatus(exception);
    if (status !== undefined) {
      const detail = exception instanceof Error ? exception.message : titleFor(status);
      return { type: 'about:blank', title: titleFor(status), status, detail, ...base };
    }
    if (isUnavailableDependency(exception)) {
      return {
        type: 'about:blank',
        title: titleFor(503),
        status: 503,
        detail: 'a service this request needs is unavailable; nothing was stored, retry later',
        ...base,
      };
    }
    return { type: 'about:blank', title: titleFor(500), status: 500, ...base };
  }
}

/**
 * The database (or another dependency) is down or restarting: the request
 * can be retried, and it changed nothing (its transaction never committed).
 * node-postgres reports socket errors by errno code and PostgreSQL's own
 * shutdown by SQLSTATE class 08 (connection) and 57P (operator intervention).
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);
const DISCONNECTED =
  /Connection terminated|connection timeout|Client has encountered a connection error/i;
/** TypeORM's names for a transaction whose connection died under it. */
const RELEASED_CONNECTION = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

function isUnavailableDependency(exception: unknown): boolean {
  // Shape, not instanceof: errors from another realm (a driver's, a test VM's) are errors too.
  let cause = exception;
  for (let depth = 0; typeof cause === 'object' && cause !== null && depth < 5; depth++) {
    const { code, name, message, driverError } = cause as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^(08|57P)/.test(code))) {
      return true;
    }
    if (typeof name === 'string' && RELEASED_CONNECTION.has(name)) return true;
    if (RELEASED_CONNECTION.has(cause.constructor.name)) return true;
    if (typeof message === 'string' && DISCONNECTED.test(message)) return true;
    cause = driverError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Fastify's own refusals (bad JSON, body too large, wrong media type) carry a 4xx statusCode. */
function clientErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null || !('statusCode' in exception)) {
    return undefined;
  }
  const status = exception.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
