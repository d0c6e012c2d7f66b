import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnchorItem1763880000101 implements MigrationInterface {
  name = 'AnchorItem1763880000101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE anchor_item (
        item_id uuid PRIMARY KEY,
        digest text NOT NULL,
        batch_id text REFERENCES anchor_batch (batch_id),
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The sealer only ever looks at items not yet in a batch, oldest first.
    await queryRunner.query(
      `CREATE INDEX anchor_item_waiting ON anchor_item (requested_at) WHERE batch_id IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX anchor_item_batch ON anchor_item (batch_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE anchor_item`);
  }
}
