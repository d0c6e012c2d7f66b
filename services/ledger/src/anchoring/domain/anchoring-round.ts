/**
 * How long one of the anchorer's loops (sealing, or submitting) waits before
 * its next round, given how many batches its last round sealed or submitted.
 * After a round that did something, none: a backlog, or a batch that filled
 * meanwhile, goes at once instead of a poll later. Only an idle round waits
 * the poll interval.
 */
export function waitAfterRound(batches: number, pollMs: number): number {
  return batches > 0 ? 0 : pollMs;
}
