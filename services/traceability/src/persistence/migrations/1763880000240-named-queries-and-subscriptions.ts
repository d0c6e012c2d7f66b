import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EPCIS named queries, their subscriptions and the subscriptions' delivery
 * outbox (issue 18, decision 0020). A delivery row is written in the same
 * transaction that records the event-captured message as processed, so a
 * matched event is never lost between Kafka and the receiver, and it stays
 * until the receiver has acknowledged it, across restarts.
 */
export class NamedQueriesAndSubscriptions1763880000240 implements MigrationInterface {
  name = 'NamedQueriesAndSubscriptions1763880000240';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE epcis_named_query (
        id uuid PRIMARY KEY,
        owner_organisation text NOT NULL,
        owner_party text NOT NULL,
        name text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (owner_organisation, owner_party, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE epcis_subscription (
        id uuid PRIMARY KEY,
        query_id uuid NOT NULL REFERENCES epcis_named_query (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('webhook', 'websocket')),
        dest text,
        signature_token text,
        initial_record_time timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_notified_at timestamptz,
        holder text,
        alive_at timestamptz,
        CHECK ((channel = 'webhook') = (dest IS NOT NULL)),
        CHECK ((channel = 'websocket') = (holder IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX epcis_subscription_query ON epcis_subscription (query_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE epcis_subscription_delivery (
        delivery_id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES epcis_subscription (id) ON DELETE CASCADE,
        event_seq bigint NOT NULL REFERENCES epcis_event (seq),
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        leased_until timestamptz,
        delivered_at timestamptz,
        last_error text,
        UNIQUE (subscription_id, event_seq)
      )`);
    // The delivery worker's scan: what is still owed, soonest first.
    await queryRunner.query(
      `CREATE INDEX epcis_subscription_delivery_due ON epcis_subscription_delivery
         (next_attempt_at) WHERE delivered_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE epcis_subscription_delivery`);
    await queryRunner.query(`DROP TABLE epcis_subscription`);
    await queryRunner.query(`DROP TABLE epcis_named_query`);
  }
}
