import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The additional documents an eBL travels with over PINT: the carrier's visualisation (from
 * issuance, or from the envelope that brought the eBL here) and the supporting documents a
 * holder attached. Keyed by content checksum, so the same document is kept once per eBL.
 */
export class EblAdditionalDocuments1763880000303 implements MigrationInterface {
  name = 'EblAdditionalDocuments1763880000303';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ebl_additional_document (
        transport_document_reference text NOT NULL
          REFERENCES transport_document (transport_document_reference),
        document_checksum text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('VISUALISATION', 'SUPPORTING')),
        name text NOT NULL,
        media_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        content bytea NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (transport_document_reference, document_checksum)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ebl_additional_document`);
  }
}
