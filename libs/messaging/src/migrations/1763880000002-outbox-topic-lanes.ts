import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets a relay lane find the unpublished rows of its own topic, oldest
 * first, without walking past a backlog of other topics (docs/decisions/0046).
 */
export class OutboxTopicLanes1763880000002 implements MigrationInterface {
  name = 'OutboxTopicLanes1763880000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX outbox_message_unpublished_by_topic ON outbox_message (topic, sequence)
        WHERE published_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_message_unpublished_by_topic`);
  }
}
