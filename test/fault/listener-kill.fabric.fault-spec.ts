import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AnchoredBatch, TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { loadConfig } from '@pujiang/config';
import { LEDGER_CLIENT_MIGRATIONS, LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { DataSource } from 'typeorm';
import { eventually } from '../support/kafka-probe';
import { sleep } from '../support/sleep';
import { REPO_ROOT, serviceEnv, stackEnv } from '../support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../support/test-database';

jest.setTimeout(300_000);

/**
 * A chaincode event listener SIGKILLed while events stream in, then started
 * again: it resumes from its database checkpoint, and every event is handled
 * exactly once — no gap, no repeat — because the handler's writes and the
 * checkpoint commit together.
 */
describe('a chaincode event listener killed mid-stream', () => {
  let dataSource: DataSource;
  let gateway: LedgerGateway;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      stackEnv().LEDGER_DATABASE_URL ?? '',
      [],
      LEDGER_CLIENT_MIGRATIONS,
    );
    await dataSource.query(
      `CREATE TABLE seen_event (event_name text NOT NULL, payload text NOT NULL, tx_id text NOT NULL)`,
    );
    gateway = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 1)));
    await gateway.onModuleInit();
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    gateway?.onApplicationShutdown();
    await dropTestDataSource(dataSource);
  });

  const anchor = (batchId: string) =>
    gateway.submit({
      contract: TRACE_ANCHOR_CONTRACT,
      transaction: TraceAnchorTransaction.anchorBatch,
      args: [batchId, randomBytes(32).toString('hex'), '1'],
    });

  function startListener(startBlock: bigint): ChildProcess {
    const schema = (dataSource.options as { schema: string }).schema;
    // The listener runs on the Node this test runs on, the project's pinned one.
    const listener = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(__dirname, 'support', 'listen-child.ts'),
      ],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          LISTENER_SCHEMA: schema,
          LISTENER_NAME: 'fault-listener',
          LISTENER_START_BLOCK: String(startBlock),
          LOG_LEVEL: 'error',
        },
        stdio: 'ignore',
      },
    );
    return listener;
  }

  async function ours(batchIds: Set<string>): Promise<string[]> {
    const rows: { payload: string }[] = await dataSource.query(`SELECT payload FROM seen_event`);
    return rows
      .map((row) => (JSON.parse(row.payload) as AnchoredBatch).batchId)
      .filter((id) => batchIds.has(id));
  }

  it('resumes from its checkpoint without gaps or repeats', async () => {
    const batchIds = new Set<string>();
    const first = await anchor(`fault-${randomUUID()}`);
    batchIds.add(JSON.parse(first.result).batchId as string);
    child = startListener(first.blockNumber);

    // Transactions keep committing while the listener is killed and restarted.
    let producing = true;
    const producer = (async () => {
      while (producing) {
        const id = `fault-${randomUUID()}`;
        batchIds.add(id);
        await anchor(id);
      }
    })();
    await eventually(
      async () => ((await ours(batchIds)).length >= 5 ? true : undefined),
      'the first events',
      60_000,
    );
    child.kill('SIGKILL');
    await sleep(2_000);
    const handledBeforeRestart = (await ours(batchIds)).length;
    child = startListener(first.blockNumber);
    await sleep(4_000);
    producing = false;
    await producer;

    const all = await eventually(
      async () => {
        const seen = await ours(batchIds);
        return seen.length >= batchIds.size ? seen : undefined;
      },
      'every event after the restart',
      120_000,
    );
    await sleep(2_000);
    const final = await ours(batchIds);
    child.kill('SIGKILL');

    expect(handledBeforeRestart).toBeGreaterThanOrEqual(5);
    expect(batchIds.size).toBeGreaterThan(handledBeforeRestart);
    expect(new Set(final).size).toBe(final.length);
    expect(new Set(all)).toEqual(batchIds);
  });
});
