import { randomUUID } from 'node:crypto';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@pujiang/messaging';
import { DataSource } from 'typeorm';
import { AnchorBatch1763880000100 } from '../../services/ledger/src/persistence/migrations/1763880000100-anchor-batch';
import { AnchorItem1763880000101 } from '../../services/ledger/src/persistence/migrations/1763880000101-anchor-item';
import { AnchorItemOrganisation1763880000102 } from '../../services/ledger/src/persistence/migrations/1763880000102-anchor-item-organisation';
import { AnchorBatchRelease1763880000103 } from '../../services/ledger/src/persistence/migrations/1763880000103-anchor-batch-release';
import { stackEnv } from '../support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../support/test-database';
import { pujiang } from '../support/pujiang-cli';

/**
 * `pujiang anchor release-batch` against a ledger database laid out by the
 * real migrations: what it changes when it may, and that it changes nothing
 * when it may not. test/e2e/refused-batch-released.e2e-spec.ts follows a
 * release on the whole stack, from the chaincode's refusal to the proofs.
 */
describe('pujiang anchor release-batch', () => {
  const env = stackEnv();
  const base = env.LEDGER_DATABASE_URL ?? '';
  const saved = { ...process.env };
  let ledger: DataSource;
  const items = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    ledger = await createTestDataSource(base, MESSAGING_ENTITIES, [
      ...MESSAGING_MIGRATIONS,
      AnchorBatch1763880000100,
      AnchorItem1763880000101,
      AnchorItemOrganisation1763880000102,
      AnchorBatchRelease1763880000103,
    ]);
    const url = new URL(base);
    url.searchParams.set(
      'options',
      `-c search_path=${(ledger.options as { schema: string }).schema}`,
    );
    process.env.DATABASE_URL = url.toString();
    await ledger.query(
      `INSERT INTO anchor_batch (batch_id, merkle_root, items, status, last_error)
       VALUES ('b-refused', 'R', $1, 'refused', 'merkleRoot must be 64 lower-case hex'),
              ('b-pending', 'r', '[]', 'pending', NULL), ('b-submitted', 'r', '[]', 'submitted', NULL),
              ('b-anchored', 'r', '[]', 'anchored', NULL)`,
      [JSON.stringify(items.map((itemId) => ({ itemId, digest: 'd' })))],
    );
    await ledger.query(
      `INSERT INTO anchor_item (item_id, digest, organisation, batch_id, requested_at)
       VALUES ($1, 'd', 'Org1MSP', 'b-refused', now()), ($2, 'd', 'Org1MSP', 'b-refused', now())`,
      items,
    );
  });

  afterAll(async () => {
    process.env = saved;
    await dropTestDataSource(ledger);
  });

  const snapshot = async () => ({
    batches: await ledger.query<unknown[]>(
      `SELECT batch_id, status FROM anchor_batch ORDER BY batch_id`,
    ),
    items: await ledger.query<unknown[]>(
      `SELECT item_id, batch_id FROM anchor_item ORDER BY item_id`,
    ),
    releases: await ledger.query<unknown[]>(`SELECT * FROM anchor_batch_release`),
  });

  it.each([
    [['b-unknown', '--reason', 'fixed'], 1, /no anchor batch b-unknown/],
    [['b-pending', '--reason', 'fixed'], 1, /b-pending is pending; only a refused batch/],
    [['b-submitted', '--reason', 'fixed'], 1, /b-submitted is submitted; only a refused batch/],
    [['b-anchored', '--reason', 'fixed'], 1, /b-anchored is anchored; only a refused batch/],
    [['b-refused', '--reason', '  '], 2, /--reason must say why/],
    [['b-refused'], 2, /--reason must say why/],
    [['b-refused', '--reason', 'fixed', '--operator', ' '], 2, /--operator must name/],
    [['--reason', 'fixed'], 2, /exactly one BATCH_ID/],
    [['b-refused', 'b-pending', '--reason', 'fixed'], 2, /exactly one BATCH_ID/],
    [['b-refused', '--reason', 'fixed', '--force'], 2, /Unknown option '--force'/],
    [['b-refused', '--reason', 'fixed', '--wait', '--timeout', '0'], 2, /--timeout must be/],
  ])('refuses %j with exit %i, one line, and changes nothing', async (argv, exitCode, message) => {
    const before = await snapshot();
    const run = await pujiang('anchor', 'release-batch', ...argv);
    expect(run.code).toBe(exitCode);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(message);
    expect(await snapshot()).toEqual(before);
  });

  it('releases a refused batch: its items wait again, the reason, operator and refusal are kept', async () => {
    const run = await pujiang(
      'anchor',
      'release-batch',
      'b-refused',
      '--reason',
      ' root written upper-case by sealer 1.4.2; fixed in 1.4.3 ',
      '--operator',
      'ops-oncall',
    );

    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.out[0]).toBe(
      'released 2 items of batch b-refused (refused: merkleRoot must be 64 lower-case hex) by ops-oncall: ' +
        'root written upper-case by sealer 1.4.2; fixed in 1.4.3',
    );
    expect(
      await ledger.query(`SELECT status FROM anchor_batch WHERE batch_id = 'b-refused'`),
    ).toEqual([{ status: 'released' }]);
    expect(
      await ledger.query(`SELECT count(*)::int AS n FROM anchor_item WHERE batch_id IS NULL`),
    ).toEqual([{ n: 2 }]);
    expect(await ledger.query(`SELECT * FROM anchor_batch_release`)).toEqual([
      {
        batch_id: 'b-refused',
        reason: 'root written upper-case by sealer 1.4.2; fixed in 1.4.3',
        operator: 'ops-oncall',
        refusal: 'merkleRoot must be 64 lower-case hex',
        item_count: 2,
        released_at: expect.any(Date),
      },
    ]);
  });

  it('refuses a second release of the same batch and changes nothing', async () => {
    const before = await snapshot();
    const again = await pujiang('anchor', 'release-batch', 'b-refused', '--reason', 'again');
    expect(again.code).toBe(1);
    expect(again.err).toEqual([
      'pujiang anchor release-batch: batch b-refused was already released',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('the database refuses a reasonless release or a second one written behind the CLI', async () => {
    await expect(
      ledger.query(
        `INSERT INTO anchor_batch_release (batch_id, reason, operator, item_count)
         VALUES ('b-refused', 'again', 'x', 0)`,
      ),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      ledger.query(
        `INSERT INTO anchor_batch_release (batch_id, reason, operator, item_count)
         VALUES ('b-pending', ' ', 'x', 0)`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('answers --help with 0 and the usage, without a database with 2', async () => {
    const help = await pujiang('anchor', 'release-batch', '--help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/anchor release-batch BATCH_ID --reason TEXT/);
    const url = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect((await pujiang('anchor', 'release-batch', 'b', '--reason', 'r')).code).toBe(2);
    } finally {
      process.env.DATABASE_URL = url;
    }
  });
});
