import type { Client } from 'pg';
import { Topic } from '@pujiang/contracts';
import { ANCHOR_COMMITTED_GROUP } from '../../services/traceability/src/epcis/anchoring/anchor-committed.consumer';
import { percentile } from '../stats';

/**
 * When each step of one event's way to the ledger happened, in ms since the
 * epoch, from the rows the services wrote anyway (PostgreSQL's clock, and the
 * Fabric transaction's timestamp, taken by the ledger service on this machine).
 */
interface EventTimes {
  /** The event's record time: its capture transaction, which the acknowledgement follows. */
  acknowledged: number;
  /** The relay's transaction that published its anchor-requested outbox row began (published_at is its now()). */
  relayed: number | null;
  /** Queued as an anchor item by the ledger service's anchor-requested consumer. */
  queued: number;
  /** Its batch sealed (Merkle root, batch row). */
  sealed: number;
  /** The batch's Fabric transaction timestamp: its proposal, made when the anchorer submits it. */
  proposed: number;
  /** The batch confirmed by the ledger service from the committed block's BatchAnchored event. */
  committed: number;
  /** The anchor-committed message applied by traceability (each event's proof stored). */
  recorded: number | null;
}

const STAGES: [string, (t: EventTimes) => number | null][] = [
  ['ack → relay round began (traceability outbox relay)', (t) => diff(t.relayed, t.acknowledged)],
  ['relay round → queued (publish, Kafka, ledger consumer)', (t) => diff(t.queued, t.relayed)],
  ['queued → sealed (waiting for a batch, sealer poll)', (t) => t.sealed - t.queued],
  ['sealed → proposed (waiting for the anchorer)', (t) => t.proposed - t.sealed],
  ['proposed → committed (endorse, order, commit, event)', (t) => t.committed - t.proposed],
  ['committed → recorded (ledger outbox, Kafka, rows)', (t) => diff(t.recorded, t.committed)],
  ['ack → proposed (the figure of earlier runs)', (t) => t.proposed - t.acknowledged],
  ['ack → committed (compared with p99 ≤ 3 s)', (t) => t.committed - t.acknowledged],
  ['ack → recorded (proof readable in traceability)', (t) => diff(t.recorded, t.acknowledged)],
];

function diff(later: number | null, earlier: number | null): number | null {
  return later === null || earlier === null ? null : later - earlier;
}

const ms = (column: string): string => `extract(epoch FROM ${column}) * 1000`;

/** Each captured event of the run (by its identifiers' serial prefix) with the times of its stages. */
export async function eventTimes(
  traceability: Client,
  ledger: Client,
  identifierPattern: string,
  capturedFrom: Date,
): Promise<EventTimes[]> {
  const { rows: events } = await traceability.query<{
    id: string;
    acknowledged: string;
    recorded: string | null;
  }>(
    `SELECT e.id, ${ms('e.record_time')} AS acknowledged, ${ms('p.processed_at')} AS recorded
       FROM epcis_event e
       JOIN epcis_event_identifier i ON i.event_seq = e.seq
       LEFT JOIN processed_message p
              ON p.consumer_group = $2 AND p.message_id = 'anchor-committed:' || e.batch_id
      WHERE i.identifier LIKE $1`,
    [identifierPattern, ANCHOR_COMMITTED_GROUP],
  );
  // Matched here, not joined in SQL: the outbox has no index on the message id inside the event.
  const { rows: relayedRows } = await traceability.query<{ id: string; relayed: string | null }>(
    `SELECT event ->> 'id' AS id, ${ms('published_at')} AS relayed
       FROM outbox_message WHERE topic = $1 AND created_at >= $2`,
    [Topic.anchorRequested, capturedFrom],
  );
  const relayed = new Map(relayedRows.map((row) => [row.id, row.relayed]));
  const { rows: items } = await ledger.query<{
    item_id: string;
    queued: string;
    sealed: string;
    proposed: string;
    committed: string;
  }>(
    `SELECT i.item_id, ${ms('i.requested_at')} AS queued, ${ms('b.created_at')} AS sealed,
            ${ms('b.anchored_at')} AS proposed, ${ms('b.updated_at')} AS committed
       FROM anchor_item i JOIN anchor_batch b ON b.batch_id = i.batch_id
      WHERE b.status = 'anchored' AND i.item_id = ANY($1::uuid[])`,
    [events.map((e) => e.id)],
  );
  const byItem = new Map(items.map((item) => [item.item_id, item]));
  const orNull = (value: string | null): number | null => (value === null ? null : Number(value));
  return events.flatMap((e) => {
    const item = byItem.get(e.id);
    if (item === undefined) return [];
    return [
      {
        acknowledged: Number(e.acknowledged),
        relayed: orNull(relayed.get(`anchor-requested:${e.id}`) ?? null),
        queued: Number(item.queued),
        sealed: Number(item.sealed),
        proposed: Number(item.proposed),
        committed: Number(item.committed),
        recorded: orNull(e.recorded),
      },
    ];
  });
}

/** One line per stage: p50 and p99 over the events, in seconds. */
export function stageProfile(times: readonly EventTimes[]): string[] {
  return STAGES.map(([name, stage]) => {
    const samples = times.map(stage).filter((v): v is number => v !== null);
    const s = (p: number) => (percentile(samples, p) / 1000).toFixed(2);
    return `  ${name.padEnd(54)} p50 ${s(50)} s  p99 ${s(99)} s  (n=${samples.length})`;
  });
}

/** The p-th percentile of acknowledgement → commit, in ms. */
export function ackToCommit(times: readonly EventTimes[], p: number): number {
  return percentile(
    times.map((t) => t.committed - t.acknowledged),
    p,
  );
}
