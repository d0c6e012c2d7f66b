import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnchoredBatch, TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { loadConfig } from '@pujiang/config';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { REPO_ROOT, serviceEnv } from '../support/stack-env';

const STACK_DIR = process.env.STACK_DIR ?? join(REPO_ROOT, '.stack');
const LAUNCH_ENV: NodeJS.ProcessEnv = { ...process.env };
// Any change to the built chaincode is a new package: this file is part of the
// package's content hash, and is loaded by nothing.
const CHANGE = join(REPO_ROOT, 'chaincode', 'dist', 'upgrade-probe.js');

interface Deployed {
  label: string;
  sequence: number;
}

/** `npm run chaincode:upgrade`, as an operator runs it; returns what it committed. */
function upgradeChaincode(): Deployed {
  const run = spawnSync('npm', ['run', '--silent', 'chaincode:upgrade'], {
    cwd: REPO_ROOT,
    env: LAUNCH_ENV,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0)
    throw new Error(`chaincode:upgrade exited ${String(run.status)}:\n${output}`);
  const line = /chaincode pujiang (?:committed|is current): (\S+), sequence (\d+)/.exec(output);
  if (line?.[1] === undefined || line[2] === undefined) {
    throw new Error(`chaincode:upgrade said nothing of a commit:\n${output}`);
  }
  return { label: line[1], sequence: Number(line[2]) };
}

const chaincodeServerPid = () =>
  readFileSync(join(STACK_DIR, 'fabric', 'pids', 'chaincode.pid'), 'utf8').trim();

describe('npm run chaincode:upgrade on the running network', () => {
  let ledger: LedgerGateway;

  beforeAll(async () => {
    ledger = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 1)));
    await ledger.onModuleInit();
  });

  afterAll(() => {
    ledger.onApplicationShutdown();
    // Leave the network on the repository's own build, as the next suites expect.
    rmSync(CHANGE, { force: true });
    upgradeChaincode();
  });

  const anchor = (batchId: string) =>
    ledger.submit({
      contract: TRACE_ANCHOR_CONTRACT,
      transaction: TraceAnchorTransaction.anchorBatch,
      args: [batchId, randomBytes(32).toString('hex'), '1'],
    });
  const readBatch = async (batchId: string) =>
    JSON.parse(
      await ledger.evaluate({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.readBatch,
        args: ['Org1MSP', batchId],
      }),
    ) as AnchoredBatch;

  it('commits a changed chaincode at the next sequence, keeps the state and takes transactions after', async () => {
    const current = upgradeChaincode();
    const before = randomUUID();
    const anchoredBefore = await anchor(before);
    const serverBefore = chaincodeServerPid();

    writeFileSync(CHANGE, `// upgrade probe ${randomUUID()}\n`);
    const upgraded = upgradeChaincode();

    expect(upgraded.sequence).toBe(current.sequence + 1);
    expect(upgraded.label).not.toBe(current.label);
    expect(readFileSync(join(STACK_DIR, 'fabric', 'chaincode', 'running-id'), 'utf8')).toMatch(
      new RegExp(`^${upgraded.label}:[0-9a-f]{64}`),
    );
    expect(chaincodeServerPid()).not.toBe(serverBefore);
    // State written by the old package is read by the new one.
    expect(await readBatch(before)).toMatchObject({ batchId: before, txId: anchoredBefore.txId });
    const after = randomUUID();
    const anchoredAfter = await anchor(after);
    expect(anchoredAfter.blockNumber).toBeGreaterThan(anchoredBefore.blockNumber);
    expect(await readBatch(after)).toMatchObject({ batchId: after, submitterMspId: 'Org1MSP' });
  });
});
