import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnchorBatch1763880000100 implements MigrationInterface {
  name = 'AnchorBatch1763880000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE anchor_batch (
        batch_id text PRIMARY KEY,
        merkle_root text NOT NULL,
        items jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'submitted', 'anchored', 'refused')),
        tx_id text,
        block_number bigint,
        anchored_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX anchor_batch_pending ON anchor_batch (created_at) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE anchor_batch`);
  }
}
