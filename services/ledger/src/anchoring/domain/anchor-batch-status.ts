/**
 * pending → submitted → anchored, or pending → refused.
 * `submitted` means the chaincode accepted it (or had it already); only the
 * chaincode event, read from a checkpoint, makes it `anchored`, so a crash
 * between commit and bookkeeping never loses the confirmation.
 */
export type AnchorBatchStatus = 'pending' | 'submitted' | 'anchored' | 'refused';

const NEXT: Record<AnchorBatchStatus, readonly AnchorBatchStatus[]> = {
  pending: ['submitted', 'anchored', 'refused'],
  submitted: ['anchored'],
  anchored: [],
  refused: [],
};

export function canMoveBatch(from: AnchorBatchStatus, to: AnchorBatchStatus): boolean {
  return NEXT[from].includes(to);
}
