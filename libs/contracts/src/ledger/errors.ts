/**
 * Chaincode refusals carry one of these codes as the first token of their
 * message (`CODE: detail`), so clients can tell a business refusal from an
 * infrastructure failure without parsing prose.
 */
export const LedgerErrorCode = {
  invalidArgument: 'INVALID_ARGUMENT',
  alreadyExists: 'ALREADY_EXISTS',
  notFound: 'NOT_FOUND',
  /** The caller is not the party the rules name for this action (e.g. not the holder). */
  forbidden: 'FORBIDDEN',
  /** The action is not allowed in the record's current state (e.g. a transfer already pending). */
  invalidState: 'INVALID_STATE',
} as const;

export type LedgerErrorCode = (typeof LedgerErrorCode)[keyof typeof LedgerErrorCode];

const CODES: readonly string[] = Object.values(LedgerErrorCode);

export function ledgerErrorMessage(code: LedgerErrorCode, detail: string): string {
  return `${code}: ${detail}`;
}

/** Finds the refusal code in a chaincode message, wherever the peer has embedded it. */
export function parseLedgerErrorCode(message: string): LedgerErrorCode | undefined {
  for (const match of message.matchAll(/\b([A-Z_]+): /g)) {
    const code = match[1];
    if (code !== undefined && CODES.includes(code)) return code as LedgerErrorCode;
  }
  return undefined;
}
