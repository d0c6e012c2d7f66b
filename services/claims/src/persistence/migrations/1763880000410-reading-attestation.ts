import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine identity (issue 17): each stored reading keeps the attestation
 * capture recorded for its sensorElement, so a trigger counts only readings
 * attested by the devices it trusts and the others stay visible with why.
 * Readings stored before have none (NULL), as their events had none.
 */
export class ReadingAttestation1763880000410 implements MigrationInterface {
  name = 'ReadingAttestation1763880000410';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE sensor_reading
        ADD COLUMN attestation jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sensor_reading DROP COLUMN attestation`);
  }
}
