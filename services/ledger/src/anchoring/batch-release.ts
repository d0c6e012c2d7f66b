import type { ClientBase } from 'pg';
import { AnchorBatchStatus } from './domain/anchor-batch-status';
import { releaseReason, releaseRefusal } from './domain/batch-release';

export interface BatchReleaseRequest {
  batchId: string;
  reason: string;
  /** Who decided: the operator's name as the CLI was told it. */
  operator: string;
}

export interface BatchRelease {
  batchId: string;
  /** The chaincode's refusal the operator released the batch from. */
  refusal: string | null;
  reason: string;
  operator: string;
  itemCount: number;
  releasedAt: Date;
}

/** A release that would go against the rules; nothing was changed. */
export class BatchReleaseRefusedError extends Error {
  override readonly name = 'BatchReleaseRefusedError';
}

/**
 * Releases a refused batch's items for re-sealing, in one transaction on the
 * ledger service's database: the batch becomes `released`, a release record
 * keeps the reason, the operator and the refusal, and its items wait again
 * (their requested_at is kept, so the sealer takes them at once into a new
 * batch with a new id: the refused id is never submitted again). The row lock
 * and the release record's primary key make a second release fail, even one
 * racing this one.
 */
export async function releaseRefusedBatch(
  db: ClientBase,
  request: BatchReleaseRequest,
): Promise<BatchRelease> {
  const reason = releaseReason(request.reason);
  if (reason === null) throw new BatchReleaseRefusedError('a release needs a reason');
  await db.query('BEGIN');
  try {
    const { rows } = await db.query<{ status: AnchorBatchStatus; last_error: string | null }>(
      `SELECT status, last_error FROM anchor_batch WHERE batch_id = $1 FOR UPDATE`,
      [request.batchId],
    );
    const refusal = releaseRefusal(request.batchId, rows[0]?.status);
    if (refusal !== null) throw new BatchReleaseRefusedError(refusal);
    const items = await db.query(
      `UPDATE anchor_item SET batch_id = NULL WHERE batch_id = $1 RETURNING item_id`,
      [request.batchId],
    );
    await db.query(
      `UPDATE anchor_batch SET status = 'released', updated_at = now() WHERE batch_id = $1`,
      [request.batchId],
    );
    const release = await db.query<{ released_at: Date }>(
      `INSERT INTO anchor_batch_release (batch_id, reason, operator, refusal, item_count)
       VALUES ($1, $2, $3, $4, $5) RETURNING released_at`,
      [request.batchId, reason, request.operator, rows[0]?.last_error ?? null, items.rowCount ?? 0],
    );
    await db.query('COMMIT');
    return {
      batchId: request.batchId,
      refusal: rows[0]?.last_error ?? null,
      reason,
      operator: request.operator,
      itemCount: items.rowCount ?? 0,
      releasedAt: release.rows[0]?.released_at ?? new Date(),
    };
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

export interface ReleasedItemsProgress {
  items: number;
  /** Sealed into a new batch. */
  sealed: number;
  /** In a new batch the ledger has confirmed. */
  anchored: number;
}

/** How far a released batch's items have gone since: sealed again, then anchored. */
export async function releasedItemsProgress(
  db: ClientBase,
  batchId: string,
): Promise<ReleasedItemsProgress> {
  const { rows } = await db.query<ReleasedItemsProgress>(
    `SELECT count(*)::int AS items,
            count(*) FILTER (WHERE b.batch_id IS NOT NULL)::int AS sealed,
            count(*) FILTER (WHERE b.status = 'anchored')::int AS anchored
       FROM anchor_batch released
       CROSS JOIN LATERAL jsonb_array_elements(released.items) AS item
       JOIN anchor_item i ON i.item_id = (item ->> 'itemId')::uuid
       LEFT JOIN anchor_batch b ON b.batch_id = i.batch_id
      WHERE released.batch_id = $1`,
    [batchId],
  );
  return rows[0] ?? { items: 0, sealed: 0, anchored: 0 };
}
