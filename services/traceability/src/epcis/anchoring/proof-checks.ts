import { Injectable } from '@nestjs/common';
import { BriefCache } from '@pujiang/polling';
import { AnchorProofView, AnchorProofs } from './anchor-proofs.service';

/**
 * How long a proof check is reused. The consumer page and redacted trace
 * steps show many proofs at once, each a ledger read; an edit behind the
 * system's back shows within this time.
 */
export const PROOF_CHECK_TTL_MS = 10_000;

/** What a proof shows to one who may not see the event: nothing of its content. */
export type RedactedProof = Omit<AnchorProofView, 'eventID'>;

/**
 * Anchoring proofs checked against the ledger (AnchorProofs: the event
 * re-hashed from the stored document, its Merkle path, the root read from the
 * ledger), by event hash, kept briefly. The only source of a "verified" mark
 * outside the proof route: never the read model's anchor_status.
 */
@Injectable()
export class ProofChecks {
  private readonly checks = new BriefCache<AnchorProofView>(PROOF_CHECK_TTL_MS, 50_000);

  constructor(private readonly proofs: AnchorProofs) {}

  check(eventHash: string): Promise<AnchorProofView> {
    return this.checks.get(eventHash, () => this.proofs.prove(eventHash));
  }

  /** Checks to make afresh: the events changed (anchored, or edited behind our back). */
  forget(eventHashes: Iterable<string>): void {
    this.checks.forget(eventHashes);
  }

  /** Every check made afresh: what happened to the events while nobody listened is unknown. */
  forgetAll(): void {
    this.checks.clear();
  }

  async redactedCheck(eventHash: string): Promise<RedactedProof> {
    const proof: Partial<AnchorProofView> = { ...(await this.check(eventHash)) };
    delete proof.eventID;
    return proof as RedactedProof;
  }
}
