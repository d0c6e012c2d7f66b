import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event's identifier rows are written by the same statement that inserts
 * the event, from the seq it returns (EventStore.insert), and events are never
 * deleted: the foreign key could only ever pass, yet its check costs a locked
 * look-up of the event for every identifier row (14 for a typical event),
 * the largest single item of a capture's time in PostgreSQL (decision 0041).
 */
export class IdentifiersWithoutForeignKey1763880000271 implements MigrationInterface {
  name = 'IdentifiersWithoutForeignKey1763880000271';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE epcis_event_identifier DROP CONSTRAINT epcis_event_identifier_event_seq_fkey`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE epcis_event_identifier ADD CONSTRAINT epcis_event_identifier_event_seq_fkey
         FOREIGN KEY (event_seq) REFERENCES epcis_event (seq)`,
    );
  }
}
