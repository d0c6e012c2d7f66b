import { canonicalSha256 } from '@pujiang/standards';

export type AnchorStatus = 'pending' | 'anchored';

export interface LedgerAnchor {
  batchId: string;
  txId: string;
  blockNumber: number;
  anchoredAt: Date;
}

export interface CapturedRecord {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  /** SHA-256 over the payload's RFC 8785 canonical JSON: what the ledger anchors. */
  digest: string;
  capturedAt: Date;
}

/**
 * A captured traceability record is identified by the digest of its canonical
 * form, so the same content always anchors the same value, whatever its key
 * order or whitespace on the wire.
 */
export function captureRecord(
  id: string,
  kind: string,
  payload: Record<string, unknown>,
  capturedAt: Date,
): CapturedRecord {
  return { id, kind, payload, digest: canonicalSha256(payload), capturedAt };
}

/** A confirmation only anchors a record whose digest it names. */
export function confirmsRecord(record: { digest: string }, confirmed: { digest: string }): boolean {
  return record.digest === confirmed.digest;
}
