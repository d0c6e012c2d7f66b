import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query looks events up by their anchoring batch (a proof is read by the
 * event, and the batch from the ledger), yet every capture added an entry to
 * this index and every anchoring moved it, which also kept the anchoring
 * update from being a heap-only one (decision 0041).
 */
export class NoBatchIndex1763880000272 implements MigrationInterface {
  name = 'NoBatchIndex1763880000272';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX epcis_event_batch`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX epcis_event_batch ON epcis_event (batch_id)`);
  }
}
