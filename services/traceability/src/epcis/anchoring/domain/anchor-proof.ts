import { ProofStep, rootFromProof } from '@pujiang/merkle';

export interface StoredAnchor {
  batchId: string;
  leafIndex: number;
  proof: ProofStep[];
  merkleRoot: string;
  txId: string;
  blockNumber: number;
  anchoredAt: string;
}

export interface LedgerBatch {
  merkleRoot: string;
  eventCount: number;
  submitterMspId: string;
  txId: string;
  anchoredAt: string;
}

export interface AnchorVerdict {
  /** The event as stored now still hashes to the identity it was captured under. */
  eventUnchanged: boolean;
  /** The proof leads from the event's current hash to the stored root. */
  proofLeadsToRoot: boolean;
  /** The ledger holds that root under the batch id, from the same transaction. */
  rootOnLedger: boolean;
  verified: boolean;
}

/**
 * Judges an event's anchoring from three independent facts: the hash
 * recomputed from the stored event, the stored proof, and the root read from
 * the ledger. A row edited behind the system's back breaks at least one.
 */
export function verifyAnchor(
  capturedHashDigest: string,
  recomputedHashDigest: string,
  anchor: StoredAnchor,
  ledger: LedgerBatch,
): AnchorVerdict {
  const eventUnchanged = capturedHashDigest === recomputedHashDigest;
  const root = rootFromProof(recomputedHashDigest, anchor.proof);
  const proofLeadsToRoot = root === anchor.merkleRoot;
  const rootOnLedger = ledger.merkleRoot === root && ledger.txId === anchor.txId;
  return {
    eventUnchanged,
    proofLeadsToRoot,
    rootOnLedger,
    verified: eventUnchanged && proofLeadsToRoot && rootOnLedger,
  };
}
