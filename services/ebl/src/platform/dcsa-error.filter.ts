import { Catch } from '@nestjs/common';
import { ProblemDetails, ProblemDetailsFilter } from '@pujiang/http';
import { FastifyRequest } from 'fastify';
import { dcsaErrorResponse } from './dcsa-error-response';

/** Refusals on the DCSA routes (ISS, SUR, PINT): problem details that are also DCSA ErrorResponses. */
@Catch()
export class DcsaErrorFilter extends ProblemDetailsFilter {
  protected override body({
    problem,
    request,
  }: {
    problem: ProblemDetails;
    request: FastifyRequest;
  }): object {
    return dcsaErrorResponse(
      problem,
      { method: request.method, url: request.url, body: request.body },
      new Date(),
    );
  }
}
