/**
 * An evidence bundle (format `pujiang.evidence-bundle`, version 1; JSON
 * Schema in evidence-bundle.schema.json, decision 0039): everything a court
 * needs to check records against the ledger with no network. Protobuf bytes
 * are kept exactly as the peer gave them (base64), since every signature
 * covers those bytes and no others.
 */
export const EVIDENCE_BUNDLE_FORMAT = 'pujiang.evidence-bundle';
export const EVIDENCE_BUNDLE_VERSION = 1;

export type EvidenceSubjectKind = 'claim' | 'ebl' | 'lot';

export interface EvidenceBundle {
  format: typeof EVIDENCE_BUNDLE_FORMAT;
  version: typeof EVIDENCE_BUNDLE_VERSION;
  subject: { kind: EvidenceSubjectKind; id: string };
  /** Who assembled it; assembling proves nothing, the checks below do. */
  producedBy: { service: string; mspId: string; requestedBy: string };
  producedAt: string;
  channel: string;
  records: BundleRecord[];
  anchoredEvents: AnchoredEventEvidence[];
  transactions: BundleTransaction[];
  blocks: BundleBlock[];
  /** The configuration blocks the blocks' LAST_CONFIG names: the MSPs and root CAs trusted. */
  configBlocks: BundleBlock[];
  /** What was asked for and left out (not visible to the requester, not anchored yet), with why. */
  omissions: { what: string; reason: string }[];
  /** The producing service's signature over the rest (producer-signature.ts). */
  producerSignature: ProducerSignature;
}

/** A signature by a Fabric identity of the producing organisation (ECDSA with SHA-256, or Ed25519). */
export interface ProducerSignature {
  mspId: string;
  /** PEM; it must chain to a root CA of `mspId` in the bundle's configuration blocks. */
  certificate: string;
  /** Base64 of the DER signature over the canonical JSON of the bundle without this member. */
  signature: string;
}

/**
 * A record the bundle vouches for:
 * - `ledger-state`: a value a transaction wrote (namespace, key), as text; its
 *   SHA-256 must be the written value's.
 * - `claim`: a claim as its party reads it; each step's transaction must be
 *   in the bundle and match the public trail of the claim's `ledger-state`
 *   (an eBL's record is a `ledger-state` of its last transaction).
 */
export type BundleRecord = LedgerStateRecord | ClaimViewRecord;

export interface LedgerStateRecord {
  kind: 'ledger-state';
  description: string;
  txId: string;
  namespace: string;
  key: string;
  value: string;
  sha256: string;
}

export interface ClaimViewRecord {
  kind: 'claim';
  description: string;
  claimId: string;
  /** The ClaimRecord as the claims service answered the requester. */
  content: Record<string, unknown>;
}

/** A traceability event, its hash, and its Merkle proof to a root anchored on the ledger. */
export interface AnchoredEventEvidence {
  eventID: string;
  /** CBV 2.0 event hash ID (ni:///sha-256;…?ver=CBV2.0). */
  eventHash: string;
  /** The event as captured and the `@context` it was hashed with. */
  event: Record<string, unknown>;
  context?: unknown;
  anchor: {
    batchId: string;
    submitterMspId: string;
    merkleRoot: string;
    leafIndex: number;
    proof: { position: 'left' | 'right'; hash: string }[];
    txId: string;
  };
}

export interface BundleTransaction {
  txId: string;
  blockNumber: string;
  /** qscc GetTransactionByID: a ProcessedTransaction (envelope and validation code). */
  processedTransaction: string;
}

export interface BundleBlock {
  number: string;
  /** qscc GetBlockByTxID / GetBlockByNumber: a common.Block. */
  block: string;
}
