import { TraceRecord } from './trace-record.entity';

/** What the API shows of a record: its identity and where it stands on the ledger. */
export interface RecordView {
  id: string;
  kind: string;
  digest: string;
  capturedAt: string;
  anchor: {
    status: string;
    batchId: string | null;
    txId: string | null;
    blockNumber: number | null;
    anchoredAt: string | null;
  };
}

export function toRecordView(record: TraceRecord): RecordView {
  return {
    id: record.id,
    kind: record.kind,
    digest: record.digest,
    capturedAt: record.capturedAt.toISOString(),
    anchor: {
      status: record.anchorStatus,
      batchId: record.batchId,
      txId: record.txId,
      blockNumber: record.blockNumber === null ? null : Number(record.blockNumber),
      anchoredAt: record.anchoredAt?.toISOString() ?? null,
    },
  };
}
