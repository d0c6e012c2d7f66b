import { LedgerErrorCode, TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { LedgerGateway, LedgerRefusalError } from '@pujiang/ledger-client';
import { sleep } from '../../support/sleep';

/**
 * How one anchorBatch submission ended for the anchorer: committed, refused
 * as already anchored (a retry of a transaction whose first outcome it never
 * learnt), or failed with the named error.
 */
export type SubmissionOutcome = 'committed' | 'already-anchored' | { failed: string };

export interface Submission {
  batchId: string;
  startedAt: number;
  settledAt?: number;
  outcome?: SubmissionOutcome;
}

/**
 * Watches the anchorBatch submissions the ledger service makes through its
 * gateway, without changing them: the test needs to know when one is in
 * flight (to crash a node under it) and how each ended (to show the outage
 * was met and how anchoring recovered).
 */
export class AnchoringSubmissions {
  readonly all: Submission[] = [];

  constructor(gateway: LedgerGateway) {
    const submit = gateway.submit.bind(gateway);
    jest.spyOn(gateway, 'submit').mockImplementation(async (invocation) => {
      if (
        invocation.contract !== TRACE_ANCHOR_CONTRACT ||
        invocation.transaction !== TraceAnchorTransaction.anchorBatch
      ) {
        return submit(invocation);
      }
      const submission: Submission = { batchId: invocation.args[0] ?? '', startedAt: Date.now() };
      this.all.push(submission);
      try {
        const committed = await submit(invocation);
        submission.outcome = 'committed';
        return committed;
      } catch (error) {
        submission.outcome =
          error instanceof LedgerRefusalError && error.code === LedgerErrorCode.alreadyExists
            ? 'already-anchored'
            : {
                failed: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
              };
        throw error;
      } finally {
        submission.settledAt = Date.now();
      }
    });
  }

  /** Resolves with the first submission found still in flight `minMs` after it started. */
  async inFlightFor(minMs: number, timeoutMs = 30_000): Promise<Submission> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = Date.now();
      const found = this.all.find((s) => s.settledAt === undefined && now - s.startedAt >= minMs);
      if (found !== undefined) return found;
      if (now > deadline) throw new Error(`no anchoring submission in flight for ${minMs} ms`);
      await sleep(5);
    }
  }

  between(from: number, to: number): Submission[] {
    return this.all.filter((s) => s.startedAt >= from && s.startedAt < to);
  }
}
