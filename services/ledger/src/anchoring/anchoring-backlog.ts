import { Queryable } from '@pujiang/messaging';
import { AnchorBatchStatus } from './domain/anchor-batch-status';

export interface AnchoringBacklog {
  /** Requested digests not yet sealed into a batch. */
  waiting: number;
  /** Age of the oldest waiting digest in seconds; 0 when there is none. */
  oldestWaitingSeconds: number;
  /** Batches by status (anchored and released ones are done and not counted). */
  batches: Record<Exclude<AnchorBatchStatus, 'anchored' | 'released'>, number>;
}

/** What the anchorer still has to do, read from the ledger service's database. */
export async function anchoringBacklog(db: Queryable): Promise<AnchoringBacklog> {
  const waiting = (
    await db.query(
      `SELECT count(*)::int AS waiting,
              COALESCE(EXTRACT(EPOCH FROM now() - min(requested_at)), 0)::float AS oldest
         FROM anchor_item WHERE batch_id IS NULL`,
      [],
    )
  ).rows[0] as { waiting: number; oldest: number } | undefined;
  const batches = { pending: 0, submitted: 0, refused: 0 };
  const byStatus = (
    await db.query(
      `SELECT status, count(*)::int AS n FROM anchor_batch
        WHERE status IN ('pending', 'submitted', 'refused') GROUP BY status`,
      [],
    )
  ).rows as { status: keyof typeof batches; n: number }[];
  for (const { status, n } of byStatus) batches[status] = n;
  return {
    waiting: waiting?.waiting ?? 0,
    oldestWaitingSeconds: waiting?.oldest ?? 0,
    batches,
  };
}
