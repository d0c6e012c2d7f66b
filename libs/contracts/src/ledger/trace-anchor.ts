import { LedgerRole, ROLE_ATTRIBUTE } from './roles';

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

/**
 * The certificate attribute that makes an identity its organisation's
 * anchoring identity, the only one anchorBatch accepts. Its organisation's
 * Fabric CA writes it (`--id.attrs 'pujiang.role=anchorer:ecert'`); the
 * chaincode reads it from the signed certificate, never from the service.
 */
export const ANCHORER_ATTRIBUTE = { name: ROLE_ATTRIBUTE, value: LedgerRole.anchorer } as const;

/**
 * What the ledger holds for one anchored batch of event hashes, under the
 * key (submitterMspId, batchId): each organisation has its own batch ids.
 */
export interface AnchoredBatch {
  batchId: string;
  /** Lower-case hex SHA-256 Merkle root over the batch's event hashes. */
  merkleRoot: string;
  eventCount: number;
  /** The organisation whose anchoring identity submitted the batch: it vouches for every item. */
  submitterMspId: string;
  /** The transaction that anchored the batch; set by the chaincode from the proposal. */
  txId: string;
  /** Transaction timestamp (ISO 8601, UTC), never the peer's clock. */
  anchoredAt: string;
}

export const BATCH_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;
/** A Fabric MSP id, as organisations are named on the channel (e.g. Org1MSP). */
export const MSP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
