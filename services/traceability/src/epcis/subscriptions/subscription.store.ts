import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ResultEvent } from '../events/domain/query-document';
import { QueryValue } from './domain/query-definition';
import { QuerySchedule, nextRun } from './domain/query-schedule';

export type SubscriptionChannel = 'webhook' | 'websocket';

export interface SubscriptionView {
  subscriptionID: string;
  dest?: string;
  /** A subscription either streams or has a schedule (decision 0031). */
  stream?: true;
  schedule?: QuerySchedule;
  reportIfEmpty?: boolean;
  initialRecordTime: string;
  createdAt: string;
  lastNotifiedAt?: string;
}

/** A subscription with what matching needs: its query and whose eyes it sees with. */
export interface ActiveSubscription {
  id: string;
  viewer: string;
  query: Record<string, QueryValue>;
  initialRecordTime: Date;
  /** Its matches wait for the next run instead of being sent one by one. */
  scheduled: boolean;
}

/** A scheduled subscription whose run is due. */
export interface DueRun {
  id: string;
  schedule: QuerySchedule;
  runAt: Date;
  reportIfEmpty: boolean;
}

/** A delivery the worker has leased: what to send, where, and how often it was tried. */
export interface DueDelivery {
  deliveryId: string;
  subscriptionId: string;
  channel: SubscriptionChannel;
  dest: string | null;
  signatureToken: string | null;
  queryName: string;
  attempts: number;
  /** One matched event for a stream; what a run collected, perhaps nothing, for a schedule. */
  events: ResultEvent[];
}

interface SubscriptionRow {
  id: string;
  dest: string | null;
  schedule: QuerySchedule | null;
  report_if_empty: boolean;
  initial_record_time: Date;
  created_at: Date;
  last_notified_at: Date | null;
}

/**
 * Subscriptions of named queries and their delivery outbox (decision 0020).
 * Deliveries are keyed (subscription, event) so an event is owed once per
 * subscription, and stay until the receiver acknowledged them.
 */
@Injectable()
export class SubscriptionStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(
    queryId: string,
    channel: SubscriptionChannel,
    options: {
      dest?: string;
      signatureToken?: string;
      initialRecordTime?: Date;
      holder?: string;
      schedule?: QuerySchedule;
      reportIfEmpty?: boolean;
    },
  ): Promise<SubscriptionView> {
    // replay_pending: the scheduler owes it what was recorded from initialRecordTime until now.
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `INSERT INTO epcis_subscription
         (id, query_id, channel, dest, signature_token, initial_record_time, holder, alive_at,
          schedule, report_if_empty, next_run_at, replay_pending)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()), $7,
               CASE WHEN $7::text IS NULL THEN NULL ELSE now() END, $8, $9, $10, true)
       RETURNING ${VIEW_COLUMNS}`,
      [
        randomUUID(),
        queryId,
        channel,
        options.dest ?? null,
        options.signatureToken ?? null,
        options.initialRecordTime?.toISOString() ?? null,
        options.holder ?? null,
        options.schedule === undefined ? null : JSON.stringify(options.schedule),
        options.reportIfEmpty ?? false,
        options.schedule === undefined
          ? null
          : (nextRun(options.schedule, new Date())?.toISOString() ?? null),
      ],
    );
    return toView(rows[0]);
  }

  async list(
    queryId: string,
    after: string | undefined,
    limit: number,
  ): Promise<SubscriptionView[]> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM epcis_subscription
        WHERE query_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`,
      [queryId, after ?? null, limit],
    );
    return rows.map(toView);
  }

  async find(queryId: string, id: string): Promise<SubscriptionView | undefined> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM epcis_subscription
        WHERE query_id = $1 AND id = $2`,
      [queryId, id],
    );
    return rows[0] === undefined ? undefined : toView(rows[0]);
  }

  /** Deletes the subscription; deliveries not yet made go with it. */
  async delete(id: string, queryId?: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM epcis_subscription
        WHERE id = $1 AND ($2::uuid IS NULL OR query_id = $2) RETURNING id)
       SELECT id FROM gone`,
      [id, queryId ?? null],
    );
    return rows.length > 0;
  }

  async active(manager: EntityManager): Promise<ActiveSubscription[]> {
    const rows: {
      id: string;
      viewer: string;
      definition: Record<string, QueryValue>;
      initial_record_time: Date;
      scheduled: boolean;
    }[] = await manager.query(
      `SELECT ${ACTIVE_COLUMNS}
         FROM epcis_subscription s JOIN epcis_named_query q ON q.id = s.query_id`,
    );
    return rows.map(toActive);
  }

  /**
   * Owes these events to the subscription: one delivery each for a stream,
   * a match for the next run for a schedule. An event already owed is not
   * owed twice.
   */
  async enqueue(
    manager: EntityManager,
    subscription: Pick<ActiveSubscription, 'id' | 'scheduled'>,
    eventSeqs: string[],
  ): Promise<void> {
    if (eventSeqs.length === 0) return;
    await manager.query(
      subscription.scheduled
        ? `INSERT INTO epcis_subscription_match (subscription_id, event_seq)
           SELECT $1, seq FROM unnest($2::bigint[]) AS seq
           ON CONFLICT (subscription_id, event_seq) DO NOTHING`
        : `INSERT INTO epcis_subscription_delivery (delivery_id, subscription_id, event_seq)
           SELECT gen_random_uuid(), $1, seq FROM unnest($2::bigint[]) AS seq
           ON CONFLICT (subscription_id, event_seq) DO NOTHING`,
      [subscription.id, eventSeqs],
    );
  }

  /** Subscriptions whose replay from initialRecordTime is still owed, oldest first. */
  async replaysPending(limit: number): Promise<ActiveSubscription[]> {
    const rows: Parameters<typeof toActive>[0][] = await this.dataSource.query(
      `SELECT ${ACTIVE_COLUMNS}
         FROM epcis_subscription s JOIN epcis_named_query q ON q.id = s.query_id
        WHERE s.replay_pending ORDER BY s.created_at LIMIT $1`,
      [limit],
    );
    return rows.map(toActive);
  }

  /** Owes the replayed events and marks the replay done, together. */
  async replayed(subscription: ActiveSubscription, eventSeqs: string[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.enqueue(manager, subscription, eventSeqs);
      await manager.query(`UPDATE epcis_subscription SET replay_pending = false WHERE id = $1`, [
        subscription.id,
      ]);
    });
  }

  /**
   * Cuts the runs that are due: each takes every match not yet in a run (and
   * is made even when there is none if the subscriber asked for empty
   * reports), and the subscription's next run is set by `nextRunAt`, all in
   * one transaction. A subscription another instance is cutting is skipped,
   * and UNIQUE (subscription, run_at) refuses a run made twice.
   */
  async cutDueRuns(limit: number, nextRunAt: (run: DueRun) => Date | undefined): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: {
        id: string;
        schedule: QuerySchedule;
        next_run_at: Date;
        report_if_empty: boolean;
      }[] = await manager.query(
        `SELECT id, schedule, next_run_at, report_if_empty FROM epcis_subscription
          WHERE next_run_at <= now() ORDER BY next_run_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      for (const row of due) {
        const run: DueRun = {
          id: row.id,
          schedule: row.schedule,
          runAt: row.next_run_at,
          reportIfEmpty: row.report_if_empty,
        };
        await manager.query(
          `WITH run AS (
             INSERT INTO epcis_subscription_delivery (delivery_id, subscription_id, run_at)
             SELECT gen_random_uuid(), $1, $2
              WHERE $3 OR EXISTS (SELECT 1 FROM epcis_subscription_match
                                   WHERE subscription_id = $1 AND run_id IS NULL)
             ON CONFLICT (subscription_id, run_at) DO NOTHING
             RETURNING delivery_id)
           UPDATE epcis_subscription_match m SET run_id = run.delivery_id
             FROM run WHERE m.subscription_id = $1 AND m.run_id IS NULL`,
          [run.id, run.runAt.toISOString(), run.reportIfEmpty],
        );
        await manager.query(`UPDATE epcis_subscription SET next_run_at = $2 WHERE id = $1`, [
          run.id,
          nextRunAt(run)?.toISOString() ?? null,
        ]);
      }
      return due.length;
    });
  }

  /**
   * Leases up to `limit` due deliveries: webhooks, and the WebSocket
   * subscriptions this instance (`holder`) holds the socket of. A lease
   * that runs out (the instance died mid-send) makes the delivery due again.
   */
  async lease(holder: string, limit: number, leaseMs: number): Promise<DueDelivery[]> {
    const rows: {
      delivery_id: string;
      subscription_id: string;
      channel: SubscriptionChannel;
      dest: string | null;
      signature_token: string | null;
      query_name: string;
      attempts: number;
      events: { document: Record<string, unknown>; context: unknown; record_time: string }[];
    }[] = await this.dataSource.query(
      `WITH due AS (
         SELECT d.delivery_id FROM epcis_subscription_delivery d
           JOIN epcis_subscription s ON s.id = d.subscription_id
          WHERE d.delivered_at IS NULL AND d.next_attempt_at <= now()
            AND (d.leased_until IS NULL OR d.leased_until < now())
            AND (s.channel = 'webhook' OR s.holder = $1)
          ORDER BY d.next_attempt_at, d.event_seq
          LIMIT $2 FOR UPDATE OF d SKIP LOCKED),
       leased AS (
         UPDATE epcis_subscription_delivery d
            SET leased_until = now() + make_interval(secs => $3::double precision / 1000),
                attempts = d.attempts + 1
           FROM due WHERE d.delivery_id = due.delivery_id
         RETURNING d.delivery_id, d.subscription_id, d.event_seq, d.attempts)
       SELECT l.delivery_id, l.subscription_id, l.attempts, s.channel, s.dest, s.signature_token,
              q.name AS query_name, sent.events
         FROM leased l
         JOIN epcis_subscription s ON s.id = l.subscription_id
         JOIN epcis_named_query q ON q.id = s.query_id
         -- A stream's delivery is its one event; a run's, the matches it took.
         CROSS JOIN LATERAL (
           SELECT COALESCE(json_agg(json_build_object(
                    'document', e.document, 'context', e.context, 'record_time', e.record_time)
                    ORDER BY e.seq), '[]'::json) AS events
             FROM epcis_event e
            WHERE e.seq IN (SELECT l.event_seq
                            UNION ALL SELECT m.event_seq FROM epcis_subscription_match m
                                       WHERE m.run_id = l.delivery_id)) sent
        ORDER BY l.event_seq NULLS LAST`,
      [holder, limit, leaseMs],
    );
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      subscriptionId: row.subscription_id,
      channel: row.channel,
      dest: row.dest,
      signatureToken: row.signature_token,
      queryName: row.query_name,
      attempts: row.attempts,
      events: row.events.map((event) => ({
        document: event.document,
        context: event.context,
        recordTime: new Date(event.record_time).toISOString(),
      })),
    }));
  }

  async delivered(delivery: DueDelivery): Promise<void> {
    await this.dataSource.query(
      `WITH done AS (
         UPDATE epcis_subscription_delivery
            SET delivered_at = now(), leased_until = NULL, last_error = NULL
          WHERE delivery_id = $1 RETURNING subscription_id)
       UPDATE epcis_subscription s SET last_notified_at = now()
         FROM done WHERE s.id = done.subscription_id`,
      [delivery.deliveryId],
    );
  }

  async failed(delivery: DueDelivery, retryInMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE epcis_subscription_delivery
          SET leased_until = NULL, last_error = $2,
              next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
        WHERE delivery_id = $1`,
      [delivery.deliveryId, error.slice(0, 1000), retryInMs],
    );
  }

  /** This instance (`holder`) now has the subscription's socket: its deliveries are sent from here. */
  async hold(id: string, holder: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE epcis_subscription SET holder = $2, alive_at = now() WHERE id = $1`,
      [id, holder],
    );
  }

  /**
   * Marks this instance's WebSocket subscriptions alive, removes those of
   * instances silent for `staleMs` (their sockets died with them) and
   * handshakes that never completed, and
   * returns which of `held` still exist (a deleted query ends its streams).
   */
  async heartbeat(holder: string, held: string[], staleMs: number): Promise<Set<string>> {
    await this.dataSource.query(
      `DELETE FROM epcis_subscription WHERE channel = 'websocket' AND holder <> $1
          AND alive_at < now() - make_interval(secs => $2::double precision / 1000)`,
      [holder, staleMs],
    );
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH alive AS (UPDATE epcis_subscription SET alive_at = now()
          WHERE holder = $1 AND id = ANY($2::uuid[]) RETURNING id)
       SELECT id FROM alive`,
      [holder, held],
    );
    return new Set(rows.map((row) => row.id));
  }
}

const VIEW_COLUMNS =
  'id, dest, schedule, report_if_empty, initial_record_time, created_at, last_notified_at';

const ACTIVE_COLUMNS = `s.id, q.owner_organisation AS viewer, q.definition, s.initial_record_time,
       s.schedule IS NOT NULL AS scheduled`;

function toActive(row: {
  id: string;
  viewer: string;
  definition: Record<string, QueryValue>;
  initial_record_time: Date;
  scheduled: boolean;
}): ActiveSubscription {
  return {
    id: row.id,
    viewer: row.viewer,
    query: row.definition,
    initialRecordTime: row.initial_record_time,
    scheduled: row.scheduled,
  };
}

function toView(row: SubscriptionRow): SubscriptionView {
  return {
    subscriptionID: row.id,
    ...(row.dest === null ? {} : { dest: row.dest }),
    ...(row.schedule === null
      ? { stream: true }
      : { schedule: row.schedule, reportIfEmpty: row.report_if_empty }),
    initialRecordTime: row.initial_record_time.toISOString(),
    createdAt: row.created_at.toISOString(),
    ...(row.last_notified_at === null
      ? {}
      : { lastNotifiedAt: row.last_notified_at.toISOString() }),
  };
}
