import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Machine identity (issue 17). `device` is the read model of the ledger's
 * device registry, followed from the Devices chaincode's events, so capture
 * judges signed readings without calling Fabric. `reading_attestation` is the
 * verdict capture recorded for each sensorElement of each stored event; its
 * signature digest finds a signed reading captured twice (a replay).
 */
export class DeviceAttestation1763880000210 implements MigrationInterface {
  name = 'DeviceAttestation1763880000210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE device (
        device_id text PRIMARY KEY,
        owner_msp_id text NOT NULL,
        changes integer NOT NULL,
        record jsonb NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE reading_attestation (
        event_hash text NOT NULL REFERENCES epcis_event (event_hash) ON DELETE CASCADE,
        element_index integer NOT NULL,
        verdict text NOT NULL,
        reason text NOT NULL,
        device_id text,
        owner_msp_id text,
        kid text,
        signature_digest text,
        PRIMARY KEY (event_hash, element_index)
      )`);
    await queryRunner.query(
      `CREATE INDEX reading_attestation_signature ON reading_attestation (signature_digest)
        WHERE signature_digest IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reading_attestation`);
    await queryRunner.query(`DROP TABLE device`);
  }
}
