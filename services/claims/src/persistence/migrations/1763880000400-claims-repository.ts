import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insurer's claim files. The ledger decides a claim's state; these tables
 * keep what the ledger must not (the documents themselves, the policy amounts
 * the insurer also holds in its private collection) and follow the ledger's
 * records for queries. Readings and arrivals feed parametric covers.
 */
export class ClaimsRepository1763880000400 implements MigrationInterface {
  name = 'ClaimsRepository1763880000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cover_policy (
        policy_id text PRIMARY KEY,
        record jsonb NOT NULL,
        amounts jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Which covers watch a container or lot: parametric triggers look them up per reading.
    await queryRunner.query(`
      CREATE TABLE cover_subject (
        subject text NOT NULL,
        policy_id text NOT NULL REFERENCES cover_policy (policy_id),
        PRIMARY KEY (subject, policy_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE claim_state (
        claim_id text PRIMARY KEY,
        record jsonb NOT NULL,
        status text NOT NULL,
        insurer_msp text NOT NULL,
        claimant text NOT NULL,
        surveyor text,
        chain_length integer NOT NULL,
        updated_at timestamptz NOT NULL,
        -- What the file adds for the legal clocks: delivery date, apparent damage, extensions.
        facts jsonb
      )`);
    await queryRunner.query(`CREATE INDEX claim_state_insurer ON claim_state (insurer_msp)`);
    await queryRunner.query(`CREATE INDEX claim_state_claimant ON claim_state (claimant)`);
    await queryRunner.query(`CREATE INDEX claim_state_surveyor ON claim_state (surveyor)`);
    await queryRunner.query(`
      CREATE TABLE claim_document (
        claim_id text NOT NULL,
        sha256 text NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        media_type text NOT NULL,
        content bytea,
        evidence jsonb,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (claim_id, sha256)
      )`);
    // Temperature readings per watched subject, once per reading whatever the redeliveries.
    await queryRunner.query(`
      CREATE TABLE sensor_reading (
        subject text NOT NULL,
        event_hash text NOT NULL,
        reading_index integer NOT NULL,
        event_id text NOT NULL,
        read_at timestamptz NOT NULL,
        celsius_tenths integer NOT NULL,
        PRIMARY KEY (subject, event_hash, reading_index)
      )`);
    await queryRunner.query(
      `CREATE INDEX sensor_reading_time ON sensor_reading (subject, read_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'sensor_reading',
      'claim_document',
      'claim_state',
      'cover_subject',
      'cover_policy',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
