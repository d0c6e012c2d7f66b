import { createHash } from 'node:crypto';
import { MerkleTree } from '@pujiang/merkle';
import { EventFacts, StoredAnchor, verifyAnchor } from './anchor-proof';

const digest = (s: string) => createHash('sha256').update(s).digest('hex');
const leaves = ['a', 'b', 'c', 'd', 'e'].map(digest);
const tree = new MerkleTree(leaves);
const txId = 'f'.repeat(64);
const anchor: StoredAnchor = {
  batchId: 'b1',
  leafIndex: 2,
  proof: tree.proof(2),
  merkleRoot: tree.root,
  txId,
  blockNumber: 7,
  anchoredAt: '2026-11-25T10:00:00.000Z',
  anchoredBy: 'Org1MSP',
};
const ledger = {
  merkleRoot: tree.root,
  eventCount: 5,
  submitterMspId: 'Org1MSP',
  txId,
  anchoredAt: anchor.anchoredAt,
};
const leaf = leaves[2] ?? '';
const untouched: EventFacts = {
  capturedHashDigest: leaf,
  recomputedHashDigest: leaf,
  capturingOrganisation: 'Org1MSP',
};

describe('verifyAnchor', () => {
  it('verifies an untouched event whose root its own organisation anchored on the ledger', () => {
    expect(verifyAnchor(untouched, anchor, ledger)).toEqual({
      eventUnchanged: true,
      proofLeadsToRoot: true,
      rootOnLedger: true,
      anchoredByCapturer: true,
      verified: true,
    });
  });

  it('fails an event edited after capture', () => {
    const edited = { ...untouched, recomputedHashDigest: digest('c, edited') };
    expect(verifyAnchor(edited, anchor, ledger)).toMatchObject({
      eventUnchanged: false,
      proofLeadsToRoot: false,
      verified: false,
      reason: 'the event no longer hashes to the identity it was captured under',
    });
  });

  it('fails a stored root or proof that was rewritten to match an edit', () => {
    const edited = digest('c, edited');
    const forged = new MerkleTree([...leaves.slice(0, 2), edited, ...leaves.slice(3)]);
    const rewritten = { ...anchor, proof: forged.proof(2), merkleRoot: forged.root };
    const event = { ...untouched, capturedHashDigest: edited, recomputedHashDigest: edited };
    expect(verifyAnchor(event, rewritten, ledger)).toMatchObject({
      proofLeadsToRoot: true,
      rootOnLedger: false,
      verified: false,
      reason: 'the ledger holds another root or transaction for batch b1',
    });
  });

  it('fails when the ledger names another transaction', () => {
    expect(verifyAnchor(untouched, anchor, { ...ledger, txId: 'e'.repeat(64) }).verified).toBe(
      false,
    );
  });

  it('fails, naming the submitter, a batch another organisation anchored', () => {
    const theirs = { ...ledger, submitterMspId: 'Org2MSP' };
    expect(verifyAnchor(untouched, { ...anchor, anchoredBy: 'Org2MSP' }, theirs)).toMatchObject({
      rootOnLedger: true,
      anchoredByCapturer: false,
      verified: false,
      reason: 'anchored by Org2MSP, not by the organisation that captured the event',
    });
  });

  it.each([
    [
      'holds no such batch of that organisation',
      'Org1MSP',
      'the ledger holds no batch b1 anchored by Org1MSP',
    ],
    [
      'cannot be asked, the anchoring organisation not being recorded',
      null,
      'anchored before the anchoring organisation was recorded: its batch cannot be looked up',
    ],
  ])('fails when the ledger %s', (_case, anchoredBy, reason) => {
    expect(verifyAnchor(untouched, { ...anchor, anchoredBy }, null)).toEqual({
      eventUnchanged: true,
      proofLeadsToRoot: true,
      rootOnLedger: false,
      anchoredByCapturer: false,
      verified: false,
      reason,
    });
  });
});
