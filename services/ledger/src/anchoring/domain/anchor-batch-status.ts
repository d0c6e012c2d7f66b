/**
 * pending → submitted → anchored, or pending → refused → released.
 * `submitted` means the chaincode accepted it (or had it already); only the
 * chaincode event, read from a checkpoint, makes it `anchored`, so a crash
 * between commit and bookkeeping never loses the confirmation. `released` is
 * an operator's decision on a refused batch: its items wait again and are
 * sealed into a new batch (the refused batch id is never submitted again).
 */
export type AnchorBatchStatus = 'pending' | 'submitted' | 'anchored' | 'refused' | 'released';

const NEXT: Record<AnchorBatchStatus, readonly AnchorBatchStatus[]> = {
  pending: ['submitted', 'anchored', 'refused'],
  submitted: ['anchored'],
  anchored: [],
  refused: ['released'],
  released: [],
};

export function canMoveBatch(from: AnchorBatchStatus, to: AnchorBatchStatus): boolean {
  return NEXT[from].includes(to);
}
