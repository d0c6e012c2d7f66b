import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets a relay lane find the unpublished rows of its own topic, oldest
 * first, without walking past a backlog of other topics (docs/decisions/0046).
 * Built CONCURRENTLY, outside a transaction: the outbox keeps every row it
 * ever relayed, and a plain build would hold up every write to it (every
 * capture, in traceability) until the whole table was read. An interrupted
 * build leaves an invalid index, which the next run drops first.
 */
export class OutboxTopicLanes1763880000002 implements MigrationInterface {
  name = 'OutboxTopicLanes1763880000002';
  transaction = false;

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP INDEX CONCURRENTLY IF EXISTS outbox_message_unpublished_by_topic`,
    );
    await queryRunner.query(
      `CREATE INDEX CONCURRENTLY outbox_message_unpublished_by_topic ON outbox_message (topic, sequence)
        WHERE published_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP INDEX CONCURRENTLY IF EXISTS outbox_message_unpublished_by_topic`,
    );
  }
}
