import { ProblemException } from '@pujiang/http';
import { LedgerConflictError, LedgerRefusalError, LedgerUnavailableError } from './ledger.errors';
import { problemFromLedger } from './ledger-problems';

const wrapped = (inner: string) =>
  `10 ABORTED: failed to endorse transaction, see attached details for more info; Org1MSP: chaincode response 500, ${inner}`;

describe('problemFromLedger', () => {
  it.each([
    ['FORBIDDEN', 403],
    ['INVALID_STATE', 409],
    ['NOT_FOUND', 404],
    ['INVALID_ARGUMENT', 400],
    ['ALREADY_EXISTS', 409],
  ] as const)('turns a %s refusal into %i with the chaincode sentence', (code, status) => {
    const problem = problemFromLedger(
      new LedgerRefusalError(wrapped(`${code}: the rule that was broken`), code),
    ) as ProblemException;
    expect(problem).toBeInstanceOf(ProblemException);
    expect(problem.getStatus()).toBe(status);
    expect(problem.detail).toBe(`${code}: the rule that was broken`);
    expect(problem.problemType).toBe(`urn:pujiang:ledger:${code.toLowerCase()}`);
  });

  it('tells a lost race (409) from an unreachable ledger (503)', () => {
    expect(
      (problemFromLedger(new LedgerConflictError('mvcc')) as ProblemException).getStatus(),
    ).toBe(409);
    expect(
      (problemFromLedger(new LedgerUnavailableError('down')) as ProblemException).getStatus(),
    ).toBe(503);
  });

  it('passes anything else through untouched', () => {
    const error = new TypeError('bug');
    expect(problemFromLedger(error)).toBe(error);
  });
});
