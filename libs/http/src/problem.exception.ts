import { HttpException } from '@nestjs/common';
import { FieldProblem } from './problem-details';

/**
 * An HTTP refusal that already knows its problem type and, for validation
 * failures, which fields were wrong. Controllers and pipes throw it; the
 * problem filter renders it.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly detail: string,
    readonly problemType = 'about:blank',
    readonly fieldProblems: FieldProblem[] = [],
    /** Sent with the problem, e.g. Retry-After on a 503 or 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail, status);
  }
}
