import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QueryValue } from './domain/query-definition';

export type SubscriptionChannel = 'webhook' | 'websocket';

export interface SubscriptionView {
  subscriptionID: string;
  dest?: string;
  stream: true;
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
  document: Record<string, unknown>;
  context: unknown;
  recordTime: Date;
}

interface SubscriptionRow {
  id: string;
  dest: string | null;
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
    },
  ): Promise<SubscriptionView> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `INSERT INTO epcis_subscription
         (id, query_id, channel, dest, signature_token, initial_record_time, holder, alive_at)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()), $7,
               CASE WHEN $7::text IS NULL THEN NULL ELSE now() END)
       RETURNING id, dest, initial_record_time, created_at, last_notified_at`,
      [
        randomUUID(),
        queryId,
        channel,
        options.dest ?? null,
        options.signatureToken ?? null,
        options.initialRecordTime?.toISOString() ?? null,
        options.holder ?? null,
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
      `SELECT id, dest, initial_record_time, created_at, last_notified_at FROM epcis_subscription
        WHERE query_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`,
      [queryId, after ?? null, limit],
    );
    return rows.map(toView);
  }

  async find(queryId: string, id: string): Promise<SubscriptionView | undefined> {
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT id, dest, initial_record_time, created_at, last_notified_at FROM epcis_subscription
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
    }[] = await manager.query(
      `SELECT s.id, q.owner_organisation AS viewer, q.definition, s.initial_record_time
         FROM epcis_subscription s JOIN epcis_named_query q ON q.id = s.query_id`,
    );
    return rows.map((row) => ({
      id: row.id,
      viewer: row.viewer,
      query: row.definition,
      initialRecordTime: row.initial_record_time,
    }));
  }

  /** Owes these events to the subscription; an event already owed is not owed twice. */
  async enqueue(
    manager: EntityManager,
    subscriptionId: string,
    eventSeqs: string[],
  ): Promise<void> {
    if (eventSeqs.length === 0) return;
    await manager.query(
      `INSERT INTO epcis_subscription_delivery (delivery_id, subscription_id, event_seq)
       SELECT gen_random_uuid(), $1, seq FROM unnest($2::bigint[]) AS seq
       ON CONFLICT (subscription_id, event_seq) DO NOTHING`,
      [subscriptionId, eventSeqs],
    );
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
      document: Record<string, unknown>;
      context: unknown;
      record_time: Date;
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
              q.name AS query_name, e.document, e.context, e.record_time
         FROM leased l
         JOIN epcis_subscription s ON s.id = l.subscription_id
         JOIN epcis_named_query q ON q.id = s.query_id
         JOIN epcis_event e ON e.seq = l.event_seq
        ORDER BY l.event_seq`,
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
      document: row.document,
      context: row.context,
      recordTime: row.record_time,
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

function toView(row: SubscriptionRow): SubscriptionView {
  return {
    subscriptionID: row.id,
    ...(row.dest === null ? {} : { dest: row.dest }),
    stream: true,
    initialRecordTime: row.initial_record_time.toISOString(),
    createdAt: row.created_at.toISOString(),
    ...(row.last_notified_at === null
      ? {}
      : { lastNotifiedAt: row.last_notified_at.toISOString() }),
  };
}
