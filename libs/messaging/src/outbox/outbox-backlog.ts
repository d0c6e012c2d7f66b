import { Queryable } from '../inbox/dead-letters';

export interface OutboxBacklog {
  /** Messages written by committed transactions and not yet on Kafka. */
  unpublished: number;
  /** Age of the oldest of them in seconds; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** How far the relay is behind, in the service database `db` (its outbox_message table). */
export async function outboxBacklog(db: Queryable): Promise<OutboxBacklog> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS unpublished,
            COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS oldest
       FROM outbox_message WHERE published_at IS NULL`,
    [],
  );
  const row = rows[0] as { unpublished: number; oldest: number } | undefined;
  return { unpublished: row?.unpublished ?? 0, oldestAgeSeconds: row?.oldest ?? 0 };
}
