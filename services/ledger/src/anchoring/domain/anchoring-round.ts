/** What one round of the anchorer did. */
export interface AnchoringRound {
  /** Batches it sealed. */
  sealed: number;
  /** Batches it submitted (committed, or found already on the ledger). */
  submitted: number;
}

/**
 * How long the anchorer waits before its next round. After a round that
 * sealed or submitted a batch, none: a backlog, or a batch that filled while
 * the last ones were on their way to the ledger, goes at once instead of a
 * poll later. Only an idle round waits the poll interval.
 */
export function waitAfterRound(round: AnchoringRound, pollMs: number): number {
  return round.sealed > 0 || round.submitted > 0 ? 0 : pollMs;
}
