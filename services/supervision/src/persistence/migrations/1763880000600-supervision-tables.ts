import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervision service's own tables: the regulator's FSMA 204 requests
 * with their answers, and the monitors' read model, filled from Kafka. The
 * read model keeps facts (readings out of range, movements, surrenders,
 * deliveries, clocks, anchoring times); findings that depend on the time
 * (overdue, past a grace period) are computed from them when asked.
 */
export class SupervisionTables1763880000600 implements MigrationInterface {
  name = 'SupervisionTables1763880000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE fsma_request (
        request_id uuid PRIMARY KEY,
        organisation text NOT NULL,
        gtin text NOT NULL,
        lot text NOT NULL,
        window_from timestamptz NOT NULL,
        window_to timestamptz NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        respond_by timestamptz NOT NULL,
        answered_by text,
        answered_at timestamptz,
        spreadsheet text,
        spreadsheet_sha256 text,
        records integer,
        CHECK ((answered_at IS NULL) = (spreadsheet IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX fsma_request_by_organisation ON fsma_request (organisation, requested_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE cold_chain_breach (
        event_hash text NOT NULL,
        ordinal integer NOT NULL,
        organisation text NOT NULL,
        gtin text NOT NULL,
        identifiers text[] NOT NULL,
        reading_celsius double precision NOT NULL,
        min_celsius double precision NOT NULL,
        max_celsius double precision NOT NULL,
        read_at text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_hash, ordinal)
      )`);
    await queryRunner.query(`
      CREATE TABLE lot_movement (
        event_hash text NOT NULL,
        identifier text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('shipped', 'received')),
        moved_at timestamptz NOT NULL,
        organisation text NOT NULL,
        PRIMARY KEY (event_hash, identifier)
      )`);
    await queryRunner.query(
      `CREATE INDEX lot_movement_by_identifier ON lot_movement (identifier, kind)`,
    );
    await queryRunner.query(`
      CREATE TABLE bill_of_lading_delivery (
        transport_document_reference text NOT NULL,
        event_hash text NOT NULL,
        delivered_at timestamptz NOT NULL,
        PRIMARY KEY (transport_document_reference, event_hash)
      )`);
    await queryRunner.query(`
      CREATE TABLE ebl_state (
        platform text NOT NULL,
        transport_document_reference text NOT NULL,
        status text NOT NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (platform, transport_document_reference)
      )`);
    await queryRunner.query(`
      CREATE TABLE claim_state (
        claim_id text PRIMARY KEY,
        insurer_msp text NOT NULL,
        status text NOT NULL,
        time_bars jsonb NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE anchoring_item (
        digest text PRIMARY KEY,
        organisation text,
        captured_at timestamptz,
        anchored_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX anchoring_item_pending ON anchoring_item (captured_at) WHERE anchored_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'anchoring_item',
      'claim_state',
      'ebl_state',
      'bill_of_lading_delivery',
      'lot_movement',
      'cold_chain_breach',
      'fsma_request',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
