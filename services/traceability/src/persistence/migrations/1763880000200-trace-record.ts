import { MigrationInterface, QueryRunner } from 'typeorm';

export class TraceRecord1763880000200 implements MigrationInterface {
  name = 'TraceRecord1763880000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trace_record (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        digest text NOT NULL,
        captured_at timestamptz NOT NULL,
        anchor_status text NOT NULL CHECK (anchor_status IN ('pending', 'anchored')),
        batch_id text,
        tx_id text,
        block_number bigint,
        anchored_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX trace_record_digest ON trace_record (digest)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trace_record`);
  }
}
