import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delay covers (issue 21): the voyage events of the vessels this insurer
 * covers, as the ledger recorded them, once each whatever the redeliveries,
 * so a cover's arrival is recomputed from all of them.
 */
export class VesselArrivals1763880000430 implements MigrationInterface {
  name = 'VesselArrivals1763880000430';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vessel_voyage_event (
        imo_number text NOT NULL,
        tx_id text NOT NULL,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        record jsonb NOT NULL,
        PRIMARY KEY (imo_number, tx_id)
      )`);
    // The vessel policies by IMO number: a voyage event looks up the covers of its vessel.
    await queryRunner.query(
      `CREATE INDEX cover_policy_vessel ON cover_policy ((record -> 'vessel' ->> 'imoNumber'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX cover_policy_vessel`);
    await queryRunner.query(`DROP TABLE vessel_voyage_event`);
  }
}
