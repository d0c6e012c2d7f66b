import { randomBytes, randomUUID } from 'node:crypto';
import {
  AnchoredBatch,
  TRACE_ANCHOR_CONTRACT,
  TraceAnchorEvent,
  TraceAnchorTransaction,
} from '@pujiang/contracts';
import { DataSource } from 'typeorm';
import { serviceEnv, stackEnv } from '../../../test/support/stack-env';
import { eventually } from '../../../test/support/kafka-probe';
import { createTestDataSource, dropTestDataSource } from '../../../test/support/test-database';
import { ChaincodeEventListener, LedgerEvent } from './events/chaincode-event-listener';
import { DatabaseCheckpoint } from './events/chaincode-event-checkpoint';
import { LEDGER_CLIENT_MIGRATIONS } from './index';
import { LedgerGateway } from './ledger-gateway';
import { LedgerConfig } from './ledger.config';
import { LedgerRefusalError } from './ledger.errors';
import { loadConfig } from '@pujiang/config';

const digest = () => randomBytes(32).toString('hex');

/** The organisation's anchoring identity, as the ledger service runs, or its plain User1. */
async function connectAs(org: 1 | 2, identity: 'anchorer' | 'user1' = 'anchorer') {
  const env = serviceEnv('ledger', 0, org);
  const user1 =
    identity === 'user1'
      ? {
          FABRIC_CLIENT_CERT: stackEnv()[`FABRIC_ORG${org}_CLIENT_CERT`],
          FABRIC_CLIENT_KEY: stackEnv()[`FABRIC_ORG${org}_CLIENT_KEY`],
        }
      : {};
  const gateway = new LedgerGateway(loadConfig(LedgerConfig, { ...env, ...user1 }));
  await gateway.onModuleInit();
  return gateway;
}

describe('LedgerGateway against the real Fabric network', () => {
  let org1: LedgerGateway;
  let org2: LedgerGateway;
  let org1User: LedgerGateway;
  let dataSource: DataSource;

  beforeAll(async () => {
    org1 = await connectAs(1);
    org2 = await connectAs(2);
    org1User = await connectAs(1, 'user1');
    dataSource = await createTestDataSource(
      stackEnv().LEDGER_DATABASE_URL ?? '',
      [],
      LEDGER_CLIENT_MIGRATIONS,
    );
  });

  afterAll(async () => {
    org1.onApplicationShutdown();
    org2.onApplicationShutdown();
    org1User.onApplicationShutdown();
    await dropTestDataSource(dataSource);
  });

  const anchor = (gateway: LedgerGateway, batchId: string, root: string) =>
    gateway.submit({
      contract: TRACE_ANCHOR_CONTRACT,
      transaction: TraceAnchorTransaction.anchorBatch,
      args: [batchId, root, '1'],
    });
  const readBatch = async (gateway: LedgerGateway, submitterMspId: string, batchId: string) =>
    JSON.parse(
      await gateway.evaluate({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.readBatch,
        args: [submitterMspId, batchId],
      }),
    ) as AnchoredBatch;

  it('submits, waits for the block, and another organisation reads the same record', async () => {
    const batchId = randomUUID();
    const root = digest();

    const committed = await anchor(org1, batchId, root);

    expect(committed.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(committed.blockNumber).toBeGreaterThan(0n);
    expect(await readBatch(org2, 'Org1MSP', batchId)).toMatchObject({
      batchId,
      merkleRoot: root,
      eventCount: 1,
      submitterMspId: 'Org1MSP',
      txId: committed.txId,
    });
  });

  it('reports a replayed batch as a final refusal with the chaincode code', async () => {
    const batchId = randomUUID();
    await anchor(org1, batchId, digest());

    const replay = anchor(org1, batchId, digest());

    await expect(replay).rejects.toBeInstanceOf(LedgerRefusalError);
    await expect(replay).rejects.toMatchObject({ code: 'ALREADY_EXISTS', retriable: false });
  });

  it('refuses an identity that is not an anchoring identity as FORBIDDEN, writing nothing', async () => {
    const batchId = randomUUID();

    const attempt = anchor(org1User, batchId, digest());

    await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN', retriable: false });
    await expect(readBatch(org2, 'Org1MSP', batchId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps batch ids per organisation: Org2 anchoring our id first neither blocks Org1 nor passes for it', async () => {
    const batchId = randomUUID();
    const [theirs, ours] = [digest(), digest()];

    const byOrg2 = await anchor(org2, batchId, theirs);
    const byOrg1 = await anchor(org1, batchId, ours);

    expect(await readBatch(org2, 'Org1MSP', batchId)).toMatchObject({
      merkleRoot: ours,
      submitterMspId: 'Org1MSP',
      txId: byOrg1.txId,
    });
    expect(await readBatch(org1, 'Org2MSP', batchId)).toMatchObject({
      merkleRoot: theirs,
      submitterMspId: 'Org2MSP',
      txId: byOrg2.txId,
    });
  });

  it('reports bad arguments and unknown batches with their codes', async () => {
    await expect(anchor(org1, randomUUID(), 'not-a-root')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(readBatch(org1, 'Org1MSP', 'no-such-batch')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('follows chaincode events from a database checkpoint, resuming without gaps or repeats', async () => {
    const listenerName = `it-${randomUUID()}`;
    const seen: string[] = [];
    const ours = new Set<string>();
    const handle = async (event: LedgerEvent) => {
      if (event.eventName !== TraceAnchorEvent.batchAnchored) return Promise.resolve();
      const batch = JSON.parse(event.payload) as AnchoredBatch;
      if (ours.has(batch.batchId)) seen.push(batch.batchId);
      return Promise.resolve();
    };
    const start = await anchor(org1, randomUUID(), digest());
    const first = [randomUUID(), randomUUID()];
    first.forEach((id) => ours.add(id));
    for (const id of first) await anchor(org1, id, digest());

    const listener = new ChaincodeEventListener(org1, dataSource);
    listener.listen({ listener: listenerName, startBlock: start.blockNumber, handle });
    await eventually(() => (seen.length === 2 ? true : undefined), 'first events');
    await listener.beforeApplicationShutdown();
    const checkpoint = await DatabaseCheckpoint.load(dataSource.manager, listenerName);
    expect(checkpoint.getTransactionId()).toMatch(/^[0-9a-f]{64}$/);

    const second = [randomUUID(), randomUUID()];
    second.forEach((id) => ours.add(id));
    for (const id of second) await anchor(org2, id, digest());
    const resumed = new ChaincodeEventListener(org1, dataSource);
    resumed.listen({ listener: listenerName, handle });
    await eventually(() => (seen.length >= 4 ? true : undefined), 'resumed events');
    // Give a repeat the chance to show up before checking there was none.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await resumed.beforeApplicationShutdown();

    expect(seen).toEqual([...first, ...second]);
  });
});
