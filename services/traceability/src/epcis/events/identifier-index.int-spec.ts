import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { stackEnv } from '../../../../../test/support/stack-env';
import {
  createTestDataSource,
  dropTestDataSource,
} from '../../../../../test/support/test-database';
import { TRACEABILITY_MIGRATIONS } from '../../persistence/migrations';
import { parseEventQuery } from './domain/event-query';
import { EpcisVocabulary } from './epcis-vocabulary';
import { EventQueryRepository } from './event-query.repository';

const SERIAL = 'https://id.gs1.org/01/09520123456788/21/';
const OTHER_ITEM = 'https://id.gs1.org/01/09520123456795/21/';

/**
 * Identifier rows are kept in byte order, so one B-tree, the primary key,
 * serves both exact identifiers and an EPC ID pattern's prefix (decision
 * 0043); the index that existed only for prefixes is gone.
 */
describe('the identifier index on PostgreSQL', () => {
  let dataSource: DataSource;
  const events = new Map<string, string>();

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      stackEnv().TRACEABILITY_DATABASE_URL,
      [],
      TRACEABILITY_MIGRATIONS,
    );
    const captureId = randomUUID();
    await dataSource.query(
      `INSERT INTO capture_job VALUES ($1, 'rollback', true, 0, 0, 0, '[]', now(), now())`,
      [captureId],
    );
    // Byte order puts upper case before lower case; `_` is a wildcard to LIKE, not to a prefix.
    for (const serial of ['A_1', 'AB1', 'a1', 'B1']) {
      for (const item of [SERIAL, OTHER_ITEM]) {
        const [{ seq }] = await dataSource.query<{ seq: string }[]>(
          `INSERT INTO epcis_event (id, event_hash, event_id, event_type, event_time, record_time,
              document, capture_id, anchor_status, capturing_organisation, capturing_party)
           VALUES ($1, $2, $2, 'ObjectEvent', now(), now(), '{}', $3, 'pending', 'Org1MSP', 'packer')
           RETURNING seq`,
          [randomUUID(), `ni:///${item}${serial}`, captureId],
        );
        events.set(seq, `${item}${serial}`);
        await dataSource.query(
          `INSERT INTO epcis_event_identifier (identifier, role, event_seq) VALUES ($1, 'epc', $2)`,
          [`${item}${serial}`, seq],
        );
      }
    }
    await dataSource.query(`ANALYZE epcis_event_identifier`);
  });

  afterAll(async () => {
    if (dataSource !== undefined) await dropTestDataSource(dataSource);
  });

  const found = async (raw: Record<string, string>) => {
    const query = parseEventQuery(raw, new EpcisVocabulary());
    const rows = await new EventQueryRepository(dataSource).find(query, undefined, 100, 'Org1MSP');
    return rows.map((row) => events.get(row.seq)).sort();
  };

  it('finds events by an EPC ID pattern (a prefix) and by one EPC', async () => {
    expect(await found({ MATCH_epc: 'urn:epc:idpat:sgtin:952012.0345678.*' })).toEqual(
      ['AB1', 'A_1', 'B1', 'a1'].map((serial) => `${SERIAL}${serial}`),
    );
    expect(await found({ MATCH_epc: 'urn:epc:id:sgtin:952012.0345678.A_1' })).toEqual([
      `${SERIAL}A_1`,
    ]);
  });

  it('serves a prefix from the primary key, the only index on identifiers besides the event one', async () => {
    const indexes = await dataSource.query<{ indexname: string }[]>(
      `SELECT indexname FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'epcis_event_identifier'
        ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'epcis_event_identifier_event',
      'epcis_event_identifier_pkey',
    ]);
    // Eight rows: without this the planner would rightly read the table instead.
    const plan = await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      const rows = await manager.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT event_seq FROM epcis_event_identifier
          WHERE identifier LIKE $1 AND role = 'epc'`,
        [`${SERIAL}A%`],
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('epcis_event_identifier_pkey');
    expect(plan).toMatch(/Index Cond: \(\(identifier >= .* AND \(identifier < /);
  });
});
