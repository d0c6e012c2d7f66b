/**
 * The TraceAnchor chaincode contract as both sides see it: the chaincode
 * implements these names and the ledger service invokes them, so a rename is
 * one change here.
 */
export const TRACE_ANCHOR_CONTRACT = 'TraceAnchor';

export const TraceAnchorTransaction = {
  anchorBatch: 'anchorBatch',
  readBatch: 'readBatch',
} as const;

export const TraceAnchorEvent = {
  batchAnchored: 'BatchAnchored',
} as const;

/** What the ledger holds for one anchored batch of event hashes. */
export interface AnchoredBatch {
  batchId: string;
  /** Lower-case hex SHA-256 Merkle root over the batch's event hashes. */
  merkleRoot: string;
  eventCount: number;
  submitterMspId: string;
  /** The transaction that anchored the batch; set by the chaincode from the proposal. */
  txId: string;
  /** Transaction timestamp (ISO 8601, UTC), never the peer's clock. */
  anchoredAt: string;
}

export const BATCH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;
