import { AnchorBatchStatus, canMoveBatch } from './anchor-batch-status';

/** Why an operator's release of a batch is refused; null when it may go ahead. */
export function releaseRefusal(
  batchId: string,
  status: AnchorBatchStatus | undefined,
): string | null {
  if (status === undefined) return `no anchor batch ${batchId} in this database`;
  if (status === 'released') return `batch ${batchId} was already released`;
  if (!canMoveBatch(status, 'released')) {
    return `batch ${batchId} is ${status}; only a refused batch can be released`;
  }
  return null;
}

/**
 * A release must say why, in words another operator can read later: a reason
 * of blanks says nothing. Returns the reason trimmed, or null if there is none.
 */
export function releaseReason(raw: string): string | null {
  const reason = raw.trim();
  return reason.length > 0 ? reason : null;
}
