import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The EPCIS repository. The record thread of the foundation (trace_record)
 * gives way to EPCIS events; it never held production data.
 */
export class EpcisRepository1763880000201 implements MigrationInterface {
  name = 'EpcisRepository1763880000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trace_record`);
    await queryRunner.query(`
      CREATE TABLE capture_job (
        capture_id uuid PRIMARY KEY,
        error_behaviour text NOT NULL CHECK (error_behaviour IN ('rollback', 'proceed')),
        success boolean NOT NULL,
        event_count integer NOT NULL,
        captured_count integer NOT NULL,
        duplicate_count integer NOT NULL,
        errors jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE epcis_event (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        event_hash text NOT NULL UNIQUE,
        event_id text NOT NULL,
        event_type text NOT NULL,
        event_time timestamptz NOT NULL,
        record_time timestamptz NOT NULL,
        action text,
        biz_step text,
        disposition text,
        read_point text,
        biz_location text,
        document jsonb NOT NULL,
        context jsonb,
        capture_id uuid NOT NULL REFERENCES capture_job (capture_id),
        anchor_status text NOT NULL CHECK (anchor_status IN ('pending', 'anchored')),
        batch_id text,
        leaf_index integer,
        merkle_proof jsonb,
        merkle_root text,
        tx_id text,
        block_number bigint,
        anchored_at timestamptz
      )`);
    // Every query orders by (time, seq) and pages by keyset on the same pair.
    await queryRunner.query(`CREATE INDEX epcis_event_event_time ON epcis_event (event_time, seq)`);
    await queryRunner.query(
      `CREATE INDEX epcis_event_record_time ON epcis_event (record_time, seq)`,
    );
    for (const column of ['biz_step', 'disposition', 'read_point', 'biz_location']) {
      await queryRunner.query(
        `CREATE INDEX epcis_event_${column} ON epcis_event (${column}, event_time, seq)`,
      );
    }
    await queryRunner.query(
      `CREATE INDEX epcis_event_type ON epcis_event (event_type, event_time, seq)`,
    );
    await queryRunner.query(`CREATE INDEX epcis_event_batch ON epcis_event (batch_id)`);
    // The hash is the identity; a client's eventID is looked up but need not be unique.
    await queryRunner.query(`CREATE INDEX epcis_event_event_id ON epcis_event (event_id, seq)`);
    await queryRunner.query(`
      CREATE TABLE epcis_event_identifier (
        identifier text NOT NULL,
        role text NOT NULL,
        event_seq bigint NOT NULL REFERENCES epcis_event (seq),
        PRIMARY KEY (identifier, role, event_seq)
      )`);
    await queryRunner.query(
      `CREATE INDEX epcis_event_identifier_event ON epcis_event_identifier (event_seq)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE epcis_event_identifier`);
    await queryRunner.query(`DROP TABLE epcis_event`);
    await queryRunner.query(`DROP TABLE capture_job`);
  }
}
