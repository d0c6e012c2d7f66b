import { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, titleFor } from './problem-details';

/**
 * A refusal made by Fastify itself or by a hook, before any Nest handler (and
 * so before the ProblemDetailsFilter) runs: the same problem shape anyway.
 */
export function replyWithProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
): FastifyReply {
  const problem: ProblemDetails = {
    type: 'about:blank',
    title: titleFor(status),
    status,
    detail,
    instance: request.url,
    correlationId: String(request.id),
  };
  return reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
