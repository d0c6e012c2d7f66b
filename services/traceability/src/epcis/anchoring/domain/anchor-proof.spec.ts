import { createHash } from 'node:crypto';
import { MerkleTree } from '@pujiang/merkle';
import { StoredAnchor, verifyAnchor } from './anchor-proof';

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
};
const ledger = {
  merkleRoot: tree.root,
  eventCount: 5,
  submitterMspId: 'Org1MSP',
  txId,
  anchoredAt: anchor.anchoredAt,
};
const leaf = leaves[2];

describe('verifyAnchor', () => {
  it('verifies an untouched event whose root is on the ledger', () => {
    expect(verifyAnchor(leaf, leaf, anchor, ledger)).toEqual({
      eventUnchanged: true,
      proofLeadsToRoot: true,
      rootOnLedger: true,
      verified: true,
    });
  });

  it('fails an event edited after capture', () => {
    const edited = digest('c, edited');
    expect(verifyAnchor(leaf, edited, anchor, ledger)).toMatchObject({
      eventUnchanged: false,
      proofLeadsToRoot: false,
      verified: false,
    });
  });

  it('fails a stored root or proof that was rewritten to match an edit', () => {
    const edited = digest('c, edited');
    const forged = new MerkleTree([...leaves.slice(0, 2), edited, ...leaves.slice(3)]);
    const rewritten = { ...anchor, proof: forged.proof(2), merkleRoot: forged.root };
    expect(verifyAnchor(edited, edited, rewritten, ledger)).toMatchObject({
      proofLeadsToRoot: true,
      rootOnLedger: false,
      verified: false,
    });
  });

  it('fails when the ledger names another transaction', () => {
    expect(verifyAnchor(leaf, leaf, anchor, { ...ledger, txId: 'e'.repeat(64) }).verified).toBe(
      false,
    );
  });
});
