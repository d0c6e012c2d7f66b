import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every event has an accountable author: the organisation and party of the
 * bearer token that captured it. Events captured before capture was
 * authenticated have none, and say so.
 */
export class EventAuthorship1763880000202 implements MigrationInterface {
  name = 'EventAuthorship1763880000202';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['capturing_organisation', 'capturing_party']) {
      await queryRunner.query(`ALTER TABLE epcis_event ADD COLUMN ${column} text`);
      await queryRunner.query(`UPDATE epcis_event SET ${column} = 'unattributed'`);
      await queryRunner.query(`ALTER TABLE epcis_event ALTER COLUMN ${column} SET NOT NULL`);
    }
    // What an organisation sees first is its own events, newest first.
    await queryRunner.query(
      `CREATE INDEX epcis_event_capturing_organisation
         ON epcis_event (capturing_organisation, event_time, seq)`,
    );
    // A job is shown only to the organisation that captured its document.
    await queryRunner.query(`ALTER TABLE capture_job ADD COLUMN capturing_organisation text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE capture_job DROP COLUMN capturing_organisation`);
    await queryRunner.query(`DROP INDEX epcis_event_capturing_organisation`);
    await queryRunner.query(`ALTER TABLE epcis_event DROP COLUMN capturing_party`);
    await queryRunner.query(`ALTER TABLE epcis_event DROP COLUMN capturing_organisation`);
  }
}
