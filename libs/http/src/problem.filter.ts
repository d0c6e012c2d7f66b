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
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
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
    return { type: 'about:blank', title: titleFor(500), status: 500, ...base };
  }
}

/** Fastify's own refusals (bad JSON, body too large, wrong media type) carry a 4xx statusCode. */
function clientErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null || !('statusCode' in exception)) {
    return undefined;
  }
  const status = exception.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
