import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { stackEnv } from '../../../../../test/support/stack-env';
import {
  createTestDataSource,
  dropTestDataSource,
} from '../../../../../test/support/test-database';
import { TRACEABILITY_MIGRATIONS } from '../../persistence/migrations';
import { AccessGrantStore } from './access-grant.store';
import { AT, EVENTS, VISIBILITY_CASES } from './testing/visibility-cases';
import { visibleEventsPredicate } from './visible-events.sql';

/** The SQL form of the visibility rule, on real PostgreSQL, against the cases the TypeScript rule passes. */
describe('visibleEventsPredicate on PostgreSQL', () => {
  let dataSource: DataSource;
  let store: AccessGrantStore;
  const seqOf = new Map<string, string>();

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      stackEnv().TRACEABILITY_DATABASE_URL,
      [],
      TRACEABILITY_MIGRATIONS,
    );
    store = new AccessGrantStore(dataSource);
    const captureId = randomUUID();
    await dataSource.query(
      `INSERT INTO capture_job VALUES ($1, 'rollback', true, 0, 0, 0, '[]', now(), now())`,
      [captureId],
    );
    for (const [name, event] of Object.entries(EVENTS)) {
      const [{ seq }] = await dataSource.query<{ seq: string }[]>(
        `INSERT INTO epcis_event (id, event_hash, event_id, event_type, event_time, record_time,
            document, capture_id, anchor_status, capturing_organisation, capturing_party)
         VALUES ($1, $2, $2, 'ObjectEvent', now(), now(), '{}', $3, 'pending', $4, 'someone')
         RETURNING seq`,
        [randomUUID(), `ni:///${name}`, captureId, event.capturingOrganisation],
      );
      seqOf.set(name, seq);
      for (const identifier of event.identifiers) {
        await dataSource.query(
          `INSERT INTO epcis_event_identifier (identifier, role, event_seq) VALUES ($1, 'epc', $2)`,
          [identifier, seq],
        );
      }
    }
  });

  afterAll(async () => {
    if (dataSource !== undefined) await dropTestDataSource(dataSource);
  });

  it.each(VISIBILITY_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await dataSource.query(`DELETE FROM access_grant`);
    for (const grant of c.grants) await store.keep(grant);
    const params: unknown[] = [seqOf.get(c.event)];
    const predicate = visibleEventsPredicate(c.viewer, new Date(AT), (v) => `$${params.push(v)}`);
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM epcis_event e WHERE e.seq = $1 AND ${predicate}`,
      params,
    );
    expect(rows.length === 1).toBe(c.visible);
  });
});
