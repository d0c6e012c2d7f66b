import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who anchored each event: the MSP id of the organisation whose anchoring
 * identity submitted its batch. Batches are keyed on the ledger by
 * (organisation, batch id), so a proof reads its batch back under this name
 * and checks it is the capturing organisation. Events anchored before it was
 * recorded have none, and their proofs say so.
 */
export class AnchoredBy1763880000204 implements MigrationInterface {
  name = 'AnchoredBy1763880000204';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE epcis_event ADD COLUMN anchored_by text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE epcis_event DROP COLUMN anchored_by`);
  }
}
