import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * EPC ID patterns (`MATCH_…=urn:epc:idpat:…`) match identifiers by prefix; the primary key's
 * ordering follows the database collation, which LIKE cannot use. GET /capture lists an
 * organisation's capture jobs, newest first, page by page.
 */
export class QueryPatterns1763880000220 implements MigrationInterface {
  name = 'QueryPatterns1763880000220';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX epcis_event_identifier_pattern
         ON epcis_event_identifier (identifier text_pattern_ops, role)`,
    );
    await queryRunner.query(
      `CREATE INDEX capture_job_organisation
         ON capture_job (capturing_organisation, created_at, capture_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX capture_job_organisation`);
    await queryRunner.query(`DROP INDEX epcis_event_identifier_pattern`);
  }
}
