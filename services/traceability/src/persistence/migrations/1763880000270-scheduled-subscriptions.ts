import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled subscriptions and the replay of `initialRecordTime` (issue 18,
 * decision 0031). A scheduled subscription's matches wait in
 * epcis_subscription_match until a run takes them: the run is a delivery row
 * with no single event (`run_at` instead), cut in the transaction that
 * claims the matches and moves the subscription's next run on, so a run is
 * made once and every match goes in exactly one run.
 */
export class ScheduledSubscriptions1763880000270 implements MigrationInterface {
  name = 'ScheduledSubscriptions1763880000270';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE epcis_subscription
        ADD COLUMN schedule jsonb,
        ADD COLUMN report_if_empty boolean NOT NULL DEFAULT false,
        ADD COLUMN next_run_at timestamptz,
        ADD COLUMN replay_pending boolean NOT NULL DEFAULT false`);
    // The scheduler's scan: subscriptions whose run is due, and those still to replay.
    await queryRunner.query(
      `CREATE INDEX epcis_subscription_next_run ON epcis_subscription (next_run_at)
         WHERE next_run_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX epcis_subscription_replay ON epcis_subscription (created_at)
         WHERE replay_pending`,
    );
    await queryRunner.query(`
      ALTER TABLE epcis_subscription_delivery
        ALTER COLUMN event_seq DROP NOT NULL,
        ADD COLUMN run_at timestamptz,
        ADD CONSTRAINT epcis_subscription_delivery_one_run UNIQUE (subscription_id, run_at),
        ADD CONSTRAINT epcis_subscription_delivery_event_or_run
          CHECK ((event_seq IS NULL) <> (run_at IS NULL))`);
    await queryRunner.query(`
      CREATE TABLE epcis_subscription_match (
        subscription_id uuid NOT NULL REFERENCES epcis_subscription (id) ON DELETE CASCADE,
        event_seq bigint NOT NULL REFERENCES epcis_event (seq),
        run_id uuid REFERENCES epcis_subscription_delivery (delivery_id) ON DELETE CASCADE,
        PRIMARY KEY (subscription_id, event_seq)
      )`);
    await queryRunner.query(
      `CREATE INDEX epcis_subscription_match_run ON epcis_subscription_match (run_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE epcis_subscription_match`);
    await queryRunner.query(`DELETE FROM epcis_subscription_delivery WHERE run_at IS NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE epcis_subscription_delivery
        DROP CONSTRAINT epcis_subscription_delivery_event_or_run,
        DROP CONSTRAINT epcis_subscription_delivery_one_run,
        DROP COLUMN run_at,
        ALTER COLUMN event_seq SET NOT NULL`);
    await queryRunner.query(`DELETE FROM epcis_subscription WHERE schedule IS NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE epcis_subscription
        DROP COLUMN replay_pending,
        DROP COLUMN next_run_at,
        DROP COLUMN report_if_empty,
        DROP COLUMN schedule`);
  }
}
