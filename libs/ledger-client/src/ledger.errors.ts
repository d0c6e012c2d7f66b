import { status as GrpcStatus } from '@grpc/grpc-js';
import { GatewayError } from '@hyperledger/fabric-gateway';
import { LedgerErrorCode, parseLedgerErrorCode } from '@pujiang/contracts';

/**
 * Fabric failures sorted by what the caller should do, as the Fabric Gateway
 * documentation recommends: unavailable → retry later; conflict → retry with
 * a new proposal; refusal → never retry, the chaincode said no.
 */
export abstract class LedgerError extends Error {
  abstract readonly retriable: boolean;
}

/** The peer or orderer could not be reached or did not answer in time. */
export class LedgerUnavailableError extends LedgerError {
  override name = 'LedgerUnavailableError';
  readonly retriable = true;
}

/** The transaction lost an MVCC race with another one on the same keys. */
export class LedgerConflictError extends LedgerError {
  override name = 'LedgerConflictError';
  readonly retriable = true;
}

/** The chaincode refused, or the transaction was invalidated for a reason a retry cannot fix. */
export class LedgerRefusalError extends LedgerError {
  override name = 'LedgerRefusalError';
  readonly retriable = false;

  constructor(
    message: string,
    readonly code: LedgerErrorCode | undefined,
  ) {
    super(message);
  }
}

const TRANSIENT_GRPC_CODES: readonly number[] = [
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.CANCELLED,
];

const ENDORSEMENT_NOT_PLANNED: number = GrpcStatus.FAILED_PRECONDITION;

export function classifyLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (!(error instanceof GatewayError)) {
    return new LedgerUnavailableError(error instanceof Error ? error.message : String(error));
  }
  const text = [error.message, ...error.details.map((d) => `${d.mspId}: ${d.message}`)].join('; ');
  if (TRANSIENT_GRPC_CODES.includes(error.code)) return new LedgerUnavailableError(text);
  const code = parseLedgerErrorCode(text);
  // The gateway cannot plan an endorsement yet: a restarted peer whose gossip
  // has not found the other organisations answers so for tens of seconds.
  if (code === undefined && error.code === ENDORSEMENT_NOT_PLANNED) {
    return new LedgerUnavailableError(text);
  }
  return new LedgerRefusalError(text, code);
}
