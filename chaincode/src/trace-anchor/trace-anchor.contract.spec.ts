import { TraceAnchorContract } from './trace-anchor.contract';
import { FakeLedger } from '../testing/fake-context';

const ROOT = 'a'.repeat(64);

describe('TraceAnchorContract', () => {
  let ledger: FakeLedger;
  let contract: TraceAnchorContract;

  beforeEach(() => {
    ledger = new FakeLedger();
    contract = new TraceAnchorContract();
  });

  it('anchors a batch with the submitter, tx id and transaction time', async () => {
    const json = await contract.anchorBatch(ledger.context('Org1MSP'), 'batch-1', ROOT, '3');

    expect(JSON.parse(json)).toEqual({
      batchId: 'batch-1',
      merkleRoot: ROOT,
      eventCount: 3,
      submitterMspId: 'Org1MSP',
      txId: 'tx-1',
      anchoredAt: '2026-11-23T08:00:00.000Z',
    });
    expect(ledger.events).toEqual([{ name: 'BatchAnchored', payload: json }]);
  });

  it('writes canonical JSON so every endorsing peer produces the same bytes', async () => {
    const json = await contract.anchorBatch(ledger.context('Org1MSP'), 'batch-1', ROOT, '1');
    const keys = Object.keys(JSON.parse(json) as object);

    expect(keys).toEqual([...keys].sort());
    expect(json).not.toMatch(/\s/);
  });

  it('refuses a batch id it has already anchored, keeping the first', async () => {
    await contract.anchorBatch(ledger.context('Org1MSP'), 'batch-1', ROOT, '1');

    await expect(
      contract.anchorBatch(ledger.context('Org2MSP'), 'batch-1', 'b'.repeat(64), '1'),
    ).rejects.toThrow(/^ALREADY_EXISTS: /);
    const stored = JSON.parse(await contract.readBatch(ledger.context('Org2MSP'), 'batch-1'));
    expect(stored.merkleRoot).toBe(ROOT);
    expect(stored.submitterMspId).toBe('Org1MSP');
  });

  it.each([
    ['a malformed batch id', ' bad id', ROOT, '1'],
    ['an upper-case root', 'b1', ROOT.toUpperCase(), '1'],
    ['a short root', 'b1', 'abc', '1'],
    ['a zero count', 'b1', ROOT, '0'],
    ['a fractional count', 'b1', ROOT, '1.5'],
    ['a count over the limit', 'b1', ROOT, '100001'],
  ])('refuses %s without writing', async (_case, batchId, root, count) => {
    await expect(
      contract.anchorBatch(ledger.context('Org1MSP'), batchId, root, count),
    ).rejects.toThrow(/^INVALID_ARGUMENT: /);
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
  });

  it('reports an unknown batch as NOT_FOUND', async () => {
    await expect(contract.readBatch(ledger.context('Org1MSP'), 'nope')).rejects.toThrow(
      /^NOT_FOUND: /,
    );
  });
});
