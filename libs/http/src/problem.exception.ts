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
  ) {
    super(detail, status);
  }
}
