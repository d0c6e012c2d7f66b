import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The positions code's own tables (issue 21): the area register, each
 * vessel's trading limits, each MMSI's track (its IMO number from the type 5
 * report, the areas it lay in at its last position) with its positions, and
 * the voyage events it put on the ledger with the AIS sentences they came from.
 */
export class Positions1763880000510 implements MigrationInterface {
  name = 'Positions1763880000510';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An area is never redrawn: a new shape is a new area id (its hash names it on the ledger).
    await queryRunner.query(`
      CREATE TABLE area (
        area_id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('TRADING_LIMITS', 'WAR_RISK', 'PORT')),
        name text NOT NULL,
        geometry jsonb NOT NULL,
        geometry_sha256 text NOT NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE vessel_trading_limits (
        imo_number text NOT NULL,
        area_id text NOT NULL REFERENCES area (area_id),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (imo_number, area_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE vessel_track (
        mmsi text PRIMARY KEY,
        imo_number text,
        inside text[],
        last_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE vessel_position (
        mmsi text NOT NULL,
        at timestamptz NOT NULL,
        latitude text NOT NULL,
        longitude text NOT NULL,
        evidence_sha256 text NOT NULL,
        PRIMARY KEY (mmsi, at, evidence_sha256)
      )`);
    await queryRunner.query(`
      CREATE TABLE recorded_voyage_event (
        imo_number text NOT NULL,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        area_id text NOT NULL,
        tx_id text NOT NULL,
        evidence_sha256 text NOT NULL,
        sentences text[] NOT NULL,
        PRIMARY KEY (imo_number, at, kind, area_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'recorded_voyage_event',
      'vessel_position',
      'vessel_track',
      'vessel_trading_limits',
      'area',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
