import { ProofStep, rootFromProof } from '@pujiang/merkle';

export interface StoredAnchor {
  batchId: string;
  leafIndex: number;
  proof: ProofStep[];
  merkleRoot: string;
  txId: string;
  blockNumber: number;
  anchoredAt: string;
  /** MSP id of the organisation that anchored the batch; null if anchored before it was recorded. */
  anchoredBy: string | null;
}

export interface LedgerBatch {
  merkleRoot: string;
  eventCount: number;
  submitterMspId: string;
  txId: string;
  anchoredAt: string;
}

/** What is known of the event itself, apart from its anchor. */
export interface EventFacts {
  /** Digest of the hash ID the event was captured under. */
  capturedHashDigest: string;
  /** Digest of the hash recomputed from the event as stored now. */
  recomputedHashDigest: string;
  /** MSP id of the organisation that captured the event: its author, who must vouch for it. */
  capturingOrganisation: string;
}

export interface AnchorVerdict {
  /** The event as stored now still hashes to the identity it was captured under. */
  eventUnchanged: boolean;
  /** The proof leads from the event's current hash to the stored root. */
  proofLeadsToRoot: boolean;
  /** The ledger holds that root under the batch id, from the same transaction. */
  rootOnLedger: boolean;
  /** The ledger names the capturing organisation as the batch's submitter. */
  anchoredByCapturer: boolean;
  verified: boolean;
  /** Why it is not verified: the first check that failed. */
  reason?: string;
}

/**
 * Judges an event's anchoring from independent facts: the hash recomputed
 * from the stored event, the stored proof, and the batch read from the ledger
 * (null if the ledger has none under that organisation and id). A row edited
 * behind the system's back breaks at least one; a batch anchored by another
 * organisation than the event's author is not its author's word.
 */
export function verifyAnchor(
  event: EventFacts,
  anchor: StoredAnchor,
  ledger: LedgerBatch | null,
): AnchorVerdict {
  const eventUnchanged = event.capturedHashDigest === event.recomputedHashDigest;
  const root = rootFromProof(event.recomputedHashDigest, anchor.proof);
  const proofLeadsToRoot = root === anchor.merkleRoot;
  const rootOnLedger = ledger?.merkleRoot === root && ledger.txId === anchor.txId;
  const anchoredByCapturer = ledger?.submitterMspId === event.capturingOrganisation;
  const verdict = { eventUnchanged, proofLeadsToRoot, rootOnLedger, anchoredByCapturer };
  const reason = firstFailure(verdict, anchor, ledger);
  return {
    ...verdict,
    verified: reason === undefined,
    ...(reason === undefined ? {} : { reason }),
  };
}

function firstFailure(
  verdict: Omit<AnchorVerdict, 'verified' | 'reason'>,
  anchor: StoredAnchor,
  ledger: LedgerBatch | null,
): string | undefined {
  if (!verdict.eventUnchanged)
    return 'the event no longer hashes to the identity it was captured under';
  if (!verdict.proofLeadsToRoot) return 'the inclusion proof does not lead to the stored root';
  if (ledger === null) {
    return anchor.anchoredBy === null
      ? 'anchored before the anchoring organisation was recorded: its batch cannot be looked up'
      : `the ledger holds no batch ${anchor.batchId} anchored by ${anchor.anchoredBy}`;
  }
  if (!verdict.rootOnLedger) {
    return `the ledger holds another root or transaction for batch ${anchor.batchId}`;
  }
  if (!verdict.anchoredByCapturer) {
    return `anchored by ${ledger.submitterMspId}, not by the organisation that captured the event`;
  }
  return undefined;
}
