import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per Idempotency-Key a caller sent to a route: inserted before the
 * request runs (the primary key lets only one copy run), holding the answer
 * once it has one. `attempt` names the run that owns the row, so a run that
 * outlived its lease cannot overwrite the next one's answer.
 */
export class IdempotentRequests1763880000005 implements MigrationInterface {
  name = 'IdempotentRequests1763880000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotent_request (
        caller text NOT NULL,
        route text NOT NULL,
        idempotency_key text NOT NULL,
        fingerprint text NOT NULL,
        attempt uuid NOT NULL,
        -- NULL while the request runs; then the status and the JSON body as sent.
        status_code integer,
        body text,
        locked_until timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (caller, route, idempotency_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX idempotent_request_expiry ON idempotent_request (expires_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotent_request`);
  }
}
