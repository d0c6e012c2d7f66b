import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model of the TraceAccess grants (issue 14): who may see whose
 * events. The ledger holds the grants; this table follows its events, so a
 * query can judge visibility in the same statement that finds the events.
 */
export class AccessGrants1763880000203 implements MigrationInterface {
  name = 'AccessGrants1763880000203';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access_grant (
        granter_msp_id text NOT NULL,
        grant_id text NOT NULL,
        grantee text NOT NULL,
        scope_kind text NOT NULL CHECK (scope_kind IN ('all', 'companyPrefix', 'gtin', 'lot')),
        scope_value text,
        scope_lot text,
        scope_identifier text,
        granted_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        record jsonb NOT NULL,
        PRIMARY KEY (granter_msp_id, grant_id)
      )`);
    // Every visibility check starts from the viewer: the grants it received.
    await queryRunner.query(
      `CREATE INDEX access_grant_grantee ON access_grant (grantee, granter_msp_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE access_grant`);
  }
}
