import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each item names the organisation that authored it: a ledger service anchors
 * only its own organisation's items, under that organisation's anchoring
 * identity. Items queued before requests named their organisation keep NULL:
 * nobody vouches for them, so no anchoring identity anchors them.
 */
export class AnchorItemOrganisation1763880000102 implements MigrationInterface {
  name = 'AnchorItemOrganisation1763880000102';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE anchor_item ADD COLUMN organisation text`);
    // The sealer looks for one organisation's waiting items, oldest first.
    await queryRunner.query(`DROP INDEX anchor_item_waiting`);
    await queryRunner.query(
      `CREATE INDEX anchor_item_waiting ON anchor_item (organisation, requested_at)
        WHERE batch_id IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX anchor_item_waiting`);
    await queryRunner.query(
      `CREATE INDEX anchor_item_waiting ON anchor_item (requested_at) WHERE batch_id IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE anchor_item DROP COLUMN organisation`);
  }
}
