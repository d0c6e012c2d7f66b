import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox and processed-message tables; every service that publishes or consumes runs this. */
export class MessagingTables1763880000000 implements MigrationInterface {
  name = 'MessagingTables1763880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        sequence bigserial PRIMARY KEY,
        topic text NOT NULL,
        message_key text NOT NULL,
        event jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_message_unpublished ON outbox_message (sequence) WHERE published_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE processed_message (
        consumer_group text NOT NULL,
        message_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, message_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE processed_message`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
