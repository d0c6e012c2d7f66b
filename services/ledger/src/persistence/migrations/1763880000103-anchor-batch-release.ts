import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An operator may release a batch the chaincode refused: its items are sealed
 * again into a new batch. The batch stays, as `released`, with what it held;
 * the release record says why, who and from which refusal. One release per
 * batch: the primary key refuses a second.
 */
export class AnchorBatchRelease1763880000103 implements MigrationInterface {
  name = 'AnchorBatchRelease1763880000103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE anchor_batch DROP CONSTRAINT anchor_batch_status_check`);
    await queryRunner.query(
      `ALTER TABLE anchor_batch ADD CONSTRAINT anchor_batch_status_check
         CHECK (status IN ('pending', 'submitted', 'anchored', 'refused', 'released'))`,
    );
    await queryRunner.query(`
      CREATE TABLE anchor_batch_release (
        batch_id text PRIMARY KEY REFERENCES anchor_batch (batch_id),
        reason text NOT NULL CHECK (btrim(reason) <> ''),
        operator text NOT NULL CHECK (btrim(operator) <> ''),
        refusal text,
        item_count integer NOT NULL,
        released_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE anchor_batch_release`);
    await queryRunner.query(`UPDATE anchor_batch SET status = 'refused' WHERE status = 'released'`);
    await queryRunner.query(`ALTER TABLE anchor_batch DROP CONSTRAINT anchor_batch_status_check`);
    await queryRunner.query(
      `ALTER TABLE anchor_batch ADD CONSTRAINT anchor_batch_status_check
         CHECK (status IN ('pending', 'submitted', 'anchored', 'refused'))`,
    );
  }
}
