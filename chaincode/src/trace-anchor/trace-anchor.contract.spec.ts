import { TraceAnchorContract } from './trace-anchor.contract';
import { FakeLedger } from '../testing/fake-context';
import { LedgerRole } from '../../../libs/contracts/src/ledger';
import { Person, anchorer, callerOf, orgAdmin, person } from '../testing/people';

const ROOT = 'a'.repeat(64);
const ORG1_ANCHORER = anchorer('Org1MSP');
const ORG2_ANCHORER = anchorer('Org2MSP');

describe('TraceAnchorContract', () => {
  let ledger: FakeLedger;
  let contract: TraceAnchorContract;
  const as = (who: Person) => ledger.context(who.mspId, undefined, callerOf(who));

  beforeEach(() => {
    ledger = new FakeLedger();
    contract = new TraceAnchorContract();
  });

  it('anchors a batch with the submitter, tx id and transaction time', async () => {
    const json = await contract.anchorBatch(as(ORG1_ANCHORER), 'batch-1', ROOT, '3');

    expect(JSON.parse(json)).toEqual({
      batchId: 'batch-1',
      merkleRoot: ROOT,
      eventCount: 3,
      submitterMspId: 'Org1MSP',
      txId: 'tx-1',
      anchoredAt: '2026-11-23T08:00:00.000Z',
    });
    expect(ledger.events).toEqual([{ name: 'BatchAnchored', payload: json }]);
    expect(await contract.readBatch(as(ORG2_ANCHORER), 'Org1MSP', 'batch-1')).toBe(json);
  });

  it('writes canonical JSON so every endorsing peer produces the same bytes', async () => {
    const json = await contract.anchorBatch(as(ORG1_ANCHORER), 'batch-1', ROOT, '1');
    const keys = Object.keys(JSON.parse(json) as object);

    expect(keys).toEqual([...keys].sort());
    expect(json).not.toMatch(/\s/);
  });

  it.each([
    ['a user without the anchorer attribute', person('User1', 'Org1MSP')],
    ['the organisation’s admin', orgAdmin('Org1MSP')],
    ['the platform operator', person('Platform', 'Org1MSP', LedgerRole.platformOperator)],
    [
      'an identity with another role',
      { ...person('Clerk', 'Org1MSP'), attributes: { 'pujiang.role': 'auditor' } },
    ],
    [
      'an attribute of another name',
      { ...person('Clerk', 'Org1MSP'), attributes: { role: 'anchorer' } },
    ],
  ])('refuses %s as FORBIDDEN, writing nothing', async (_case, who: Person) => {
    await expect(contract.anchorBatch(as(who), 'batch-1', ROOT, '1')).rejects.toThrow(
      /^FORBIDDEN: only an anchoring identity/,
    );
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
  });

  it('refuses a batch id its organisation has already anchored, keeping the first', async () => {
    await contract.anchorBatch(as(ORG1_ANCHORER), 'batch-1', ROOT, '1');

    await expect(
      contract.anchorBatch(as(ORG1_ANCHORER), 'batch-1', 'b'.repeat(64), '1'),
    ).rejects.toThrow(/^ALREADY_EXISTS: /);
    const stored = JSON.parse(await contract.readBatch(as(ORG1_ANCHORER), 'Org1MSP', 'batch-1'));
    expect(stored.merkleRoot).toBe(ROOT);
  });

  it('keeps batch ids per organisation: another one taking our id first neither blocks nor passes for us', async () => {
    const theirs = await contract.anchorBatch(as(ORG2_ANCHORER), 'batch-1', 'b'.repeat(64), '2');

    const ours = await contract.anchorBatch(as(ORG1_ANCHORER), 'batch-1', ROOT, '1');

    expect(await contract.readBatch(as(ORG1_ANCHORER), 'Org1MSP', 'batch-1')).toBe(ours);
    expect(await contract.readBatch(as(ORG1_ANCHORER), 'Org2MSP', 'batch-1')).toBe(theirs);
    expect(JSON.parse(ours)).toMatchObject({ submitterMspId: 'Org1MSP', merkleRoot: ROOT });
    expect(JSON.parse(theirs)).toMatchObject({ submitterMspId: 'Org2MSP', eventCount: 2 });
  });

  it.each([
    ['a malformed batch id', ' bad id', ROOT, '1'],
    ['an upper-case root', 'b1', ROOT.toUpperCase(), '1'],
    ['a short root', 'b1', 'abc', '1'],
    ['a zero count', 'b1', ROOT, '0'],
    ['a fractional count', 'b1', ROOT, '1.5'],
    ['a count over the limit', 'b1', ROOT, '100001'],
  ])('refuses %s without writing', async (_case, batchId, root, count) => {
    await expect(contract.anchorBatch(as(ORG1_ANCHORER), batchId, root, count)).rejects.toThrow(
      /^INVALID_ARGUMENT: /,
    );
    expect(ledger.state.size).toBe(0);
    expect(ledger.events).toHaveLength(0);
  });

  it('reports an unknown batch as NOT_FOUND, and one read under the wrong organisation too', async () => {
    await contract.anchorBatch(as(ORG1_ANCHORER), 'batch-1', ROOT, '1');
    const reader = as(person('User1', 'Org2MSP'));

    await expect(contract.readBatch(reader, 'Org1MSP', 'nope')).rejects.toThrow(/^NOT_FOUND: /);
    await expect(contract.readBatch(reader, 'Org2MSP', 'batch-1')).rejects.toThrow(/^NOT_FOUND: /);
  });

  it('refuses to read under something that is not an MSP id', async () => {
    await expect(contract.readBatch(as(ORG1_ANCHORER), 'Org1MSP\u0000x', 'b1')).rejects.toThrow(
      /^INVALID_ARGUMENT: submitterMspId/,
    );
  });
});
