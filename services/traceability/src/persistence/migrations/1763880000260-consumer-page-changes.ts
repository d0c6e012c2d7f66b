import { MigrationInterface, QueryRunner } from 'typeorm';

/** Publications, names and places, devices and their attestations: read by every page. */
const CHANGES_EVERY_PAGE = ['access_grant', 'master_data_element', 'device', 'reading_attestation'];

/**
 * Tells the consumer page's cache what changed, whoever changed it (a capture,
 * the anchoring consumer, an edit behind the service's back) and in whichever
 * replica: one NOTIFY on channel `consumer_page` per statement, after it.
 * Payloads, each under PostgreSQL's 8,000-byte limit: `i <identifiers>` (newline
 * separated) of events captured, `e <event hashes>` of events changed
 * (anchored, or edited), and `*` when a publication or master data changed,
 * which may change any page. Identical payloads in one transaction are sent once.
 */
export class ConsumerPageChanges1763880000260 implements MigrationInterface {
  name = 'ConsumerPageChanges1763880000260';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION consumer_page_notify_chunks(kind text, items text[]) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        chunk text := '';
        item text;
      BEGIN
        FOREACH item IN ARRAY items LOOP
          IF length(chunk) + length(item) > 7000 THEN
            PERFORM pg_notify('consumer_page', kind || chunk);
            chunk := '';
          END IF;
          chunk := chunk || E'\\n' || item;
        END LOOP;
        IF chunk <> '' THEN
          PERFORM pg_notify('consumer_page', kind || chunk);
        END IF;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION consumer_page_identifiers_captured() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM consumer_page_notify_chunks(
          'i', ARRAY(SELECT DISTINCT identifier FROM captured ORDER BY identifier));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER consumer_page_identifiers_captured
        AFTER INSERT ON epcis_event_identifier REFERENCING NEW TABLE AS captured
        FOR EACH STATEMENT EXECUTE FUNCTION consumer_page_identifiers_captured()`);
    await queryRunner.query(`
      CREATE FUNCTION consumer_page_events_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM consumer_page_notify_chunks(
          'e', ARRAY(SELECT DISTINCT event_hash FROM changed ORDER BY event_hash));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER consumer_page_events_changed
        AFTER UPDATE ON epcis_event REFERENCING NEW TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION consumer_page_events_changed()`);
    await queryRunner.query(`
      CREATE FUNCTION consumer_page_all_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('consumer_page', '*');
        RETURN NULL;
      END $$`);
    for (const table of CHANGES_EVERY_PAGE) {
      await queryRunner.query(`
        CREATE TRIGGER consumer_page_${table}_changed
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION consumer_page_all_changed()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of CHANGES_EVERY_PAGE) {
      await queryRunner.query(`DROP TRIGGER consumer_page_${table}_changed ON ${table}`);
    }
    await queryRunner.query(`DROP TRIGGER consumer_page_events_changed ON epcis_event`);
    await queryRunner.query(
      `DROP TRIGGER consumer_page_identifiers_captured ON epcis_event_identifier`,
    );
    await queryRunner.query(`DROP FUNCTION consumer_page_all_changed()`);
    await queryRunner.query(`DROP FUNCTION consumer_page_events_changed()`);
    await queryRunner.query(`DROP FUNCTION consumer_page_identifiers_captured()`);
    await queryRunner.query(`DROP FUNCTION consumer_page_notify_chunks(text, text[])`);
  }
}
