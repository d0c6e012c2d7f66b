import { randomUUID } from 'node:crypto';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@pujiang/messaging';
import { DataSource } from 'typeorm';
import { AnchorBatch1763880000100 } from '../../services/ledger/src/persistence/migrations/1763880000100-anchor-batch';
import { AnchorItem1763880000101 } from '../../services/ledger/src/persistence/migrations/1763880000101-anchor-item';
import { AnchorItemOrganisation1763880000102 } from '../../services/ledger/src/persistence/migrations/1763880000102-anchor-item-organisation';
import { stackEnv } from '../support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../support/test-database';
import { pujiang } from '../support/pujiang-cli';

/** The URL a CLI user would give for the test's schema. */
function urlOf(dataSource: DataSource, base: string): string {
  const url = new URL(base);
  url.searchParams.set(
    'options',
    `-c search_path=${(dataSource.options as { schema: string }).schema}`,
  );
  return url.toString();
}

/** `pujiang backlog` against real PostgreSQL databases laid out by the real migrations. */
describe('pujiang backlog', () => {
  const env = stackEnv();
  const base = env.LEDGER_DATABASE_URL ?? '';
  const saved = { ...process.env };
  let ledger: DataSource;
  let traceability: DataSource;

  beforeAll(async () => {
    ledger = await createTestDataSource(base, MESSAGING_ENTITIES, [
      ...MESSAGING_MIGRATIONS,
      AnchorBatch1763880000100,
      AnchorItem1763880000101,
      AnchorItemOrganisation1763880000102,
    ]);
    traceability = await createTestDataSource(base, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS);
  });

  afterAll(async () => {
    process.env = saved;
    await dropTestDataSource(ledger);
    await dropTestDataSource(traceability);
  });

  it('shows the outbox and the anchoring backlog of the ledger service', async () => {
    await ledger.query(
      `INSERT INTO outbox_message (topic, message_key, event, created_at)
       VALUES ('t', 'k', '{}', now() - interval '90 seconds'), ('t', 'k', '{}', now()),
              ('t', 'k', '{}', now() - interval '1 hour')`,
    );
    await ledger.query(`UPDATE outbox_message SET published_at = now() WHERE sequence = 3`);
    await ledger.query(
      `INSERT INTO anchor_batch (batch_id, merkle_root, items, status)
       VALUES ('b-refused', 'r', '[]', 'refused'), ('b-pending', 'r', '[]', 'pending'),
              ('b-done', 'r', '[]', 'anchored')`,
    );
    await ledger.query(
      `INSERT INTO anchor_item (item_id, digest, batch_id, requested_at)
       VALUES ($1, 'd1', NULL, now() - interval '30 seconds'), ($2, 'd2', NULL, now()),
              ($3, 'd3', 'b-refused', now() - interval '1 hour')`,
      [randomUUID(), randomUUID(), randomUUID()],
    );
    process.env.DATABASE_URL = urlOf(ledger, base);

    const { code, out } = await pujiang('backlog');

    expect(code).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^outbox: 2 unpublished, oldest 9\d\.\d s$/),
      expect.stringMatching(
        /^anchoring: 2 digests waiting for a batch, oldest 3\d\.\d s; batches pending 1, submitted 0, refused 1$/,
      ),
    ]);
  });

  it('shows only the outbox of a service that does not anchor', async () => {
    process.env.DATABASE_URL = urlOf(traceability, base);

    expect(await pujiang('backlog')).toMatchObject({
      code: 0,
      out: ['outbox: 0 unpublished, oldest 0.0 s'],
    });
  });

  it('answers 2 without a database to read, 0 to --help', async () => {
    delete process.env.DATABASE_URL;
    expect((await pujiang('backlog')).code).toBe(2);
    expect((await pujiang('backlog', '--help')).code).toBe(0);
  });
});
