import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identifiers are kept in byte order (collation "C"): they are canonical URIs
 * and URNs, ASCII, whose order nobody reads as language. In that collation the
 * primary key (identifier, role, event_seq) also serves an EPC ID pattern's
 * prefix (`LIKE 'prefix%'`), so the index kept only for prefixes goes: one
 * index entry less for each of a capture's ~14 identifier rows per event
 * (decision 0043). Equality look-ups and the listing's order are unchanged.
 */
export class IdentifiersInByteOrder1763880000285 implements MigrationInterface {
  name = 'IdentifiersInByteOrder1763880000285';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX epcis_event_identifier_pattern`);
    // Rebuilds the indexes on the column (the primary key), not the table.
    await queryRunner.query(
      `ALTER TABLE epcis_event_identifier ALTER COLUMN identifier TYPE text COLLATE "C"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE epcis_event_identifier ALTER COLUMN identifier TYPE text COLLATE "default"`,
    );
    await queryRunner.query(
      `CREATE INDEX epcis_event_identifier_pattern
         ON epcis_event_identifier (identifier text_pattern_ops, role)`,
    );
  }
}
