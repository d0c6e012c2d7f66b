import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The eBL read model and the platform's own bookkeeping. The ledger decides
 * who controls a document; these tables keep the full DCSA documents (the
 * ledger has only their checksums), follow the ledger's records, and hold
 * the work still owed to carriers and other platforms.
 */
export class EblRepository1763880000300 implements MigrationInterface {
  name = 'EblRepository1763880000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE transport_document (
        transport_document_reference text PRIMARY KEY,
        document jsonb NOT NULL,
        document_checksum text NOT NULL,
        issuing_carrier text,
        -- PINT: the signed transfer chain received with the document, and the
        -- issuance manifest, both re-sent when the document moves on.
        envelope_transfer_chain jsonb NOT NULL DEFAULT '[]',
        issuance_manifest_signed_content text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Follows the ledger; chain_length orders records so a late event never overwrites a newer state.
    await queryRunner.query(`
      CREATE TABLE ebl_state (
        transport_document_reference text PRIMARY KEY
          REFERENCES transport_document (transport_document_reference),
        record jsonb NOT NULL,
        status text NOT NULL,
        holder text NOT NULL,
        parties text[] NOT NULL,
        chain_length integer NOT NULL,
        ledger_tx_id text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ebl_state_parties ON ebl_state USING gin (parties)`);
    await queryRunner.query(`CREATE INDEX ebl_state_holder ON ebl_state (holder)`);
    await queryRunner.query(`
      CREATE TABLE issuance_request (
        transport_document_reference text PRIMARY KEY,
        request_checksum text NOT NULL,
        carrier_code text NOT NULL,
        outcome text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE surrender_request (
        surrender_request_reference uuid PRIMARY KEY,
        transport_document_reference text NOT NULL,
        surrender_request_code text NOT NULL CHECK (surrender_request_code IN ('SREQ', 'AREQ')),
        requested_by text NOT NULL,
        status text NOT NULL CHECK (status IN ('REQUESTED', 'ACCEPTED', 'REJECTED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX surrender_request_open ON surrender_request (transport_document_reference)
        WHERE status = 'REQUESTED'`);
    // Calls owed to carriers and platforms: written in the same transaction as
    // the change that owes them, retried until they are answered.
    await queryRunner.query(`
      CREATE TABLE delivery (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE delivered_at IS NULL`,
    );
    // PINT, receiving side: one row per envelope transfer, keyed by the last
    // chain entry's checksum so a replay is recognised as a duplicate.
    await queryRunner.query(`
      CREATE TABLE incoming_envelope (
        envelope_reference uuid PRIMARY KEY,
        last_entry_checksum text NOT NULL,
        transport_document_reference text NOT NULL,
        envelope jsonb NOT NULL,
        recipient_party text NOT NULL,
        expected_documents jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('RECEIVING', 'ACCEPTED', 'REFUSED')),
        response_signed_content text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX incoming_envelope_accepted ON incoming_envelope (last_entry_checksum)
        WHERE state = 'ACCEPTED'`);
    await queryRunner.query(`
      CREATE TABLE incoming_document (
        envelope_reference uuid NOT NULL REFERENCES incoming_envelope (envelope_reference),
        document_checksum text NOT NULL,
        content bytea NOT NULL,
        PRIMARY KEY (envelope_reference, document_checksum)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'incoming_document',
      'incoming_envelope',
      'delivery',
      'surrender_request',
      'issuance_request',
      'ebl_state',
      'transport_document',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
