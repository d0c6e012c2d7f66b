import { LedgerErrorCode } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { LedgerConflictError, LedgerRefusalError, LedgerUnavailableError } from './ledger.errors';

const STATUS_OF_REFUSAL: Record<LedgerErrorCode, number> = {
  [LedgerErrorCode.invalidArgument]: 400,
  [LedgerErrorCode.notFound]: 404,
  [LedgerErrorCode.forbidden]: 403,
  [LedgerErrorCode.invalidState]: 409,
  [LedgerErrorCode.alreadyExists]: 409,
};

/**
 * Turns the ledger's answer into the HTTP one: the chaincode's refusal keeps
 * its words (they say which rule was broken), an unreachable ledger is a 503
 * the caller may retry, and nothing was changed in either case.
 */
export function problemFromLedger(error: unknown): unknown {
  if (error instanceof LedgerRefusalError) {
    const status = error.code === undefined ? 409 : STATUS_OF_REFUSAL[error.code];
    return new ProblemException(
      status,
      refusalDetail(error.message),
      ledgerProblemType(error.code),
    );
  }
  if (error instanceof LedgerConflictError) {
    return new ProblemException(409, 'another change to this document committed first; retry');
  }
  if (error instanceof LedgerUnavailableError) {
    return new ProblemException(503, 'the ledger is unreachable; nothing was changed, retry later');
  }
  return error;
}

function ledgerProblemType(code: LedgerErrorCode | undefined): string {
  return code === undefined ? 'about:blank' : `urn:pujiang:ledger:${code.toLowerCase()}`;
}

/** The chaincode's own sentence, without the peer's wrapping. */
const REFUSAL_SENTENCE = new RegExp(`\\b(?:${Object.values(LedgerErrorCode).join('|')}): [^\\n;]*`);

function refusalDetail(message: string): string {
  return REFUSAL_SENTENCE.exec(message)?.[0] ?? 'the ledger refused the change';
}
