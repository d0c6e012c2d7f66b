import { createHash } from 'node:crypto';
import { MerkleTree, rootFromProof } from '@pujiang/merkle';
import { isBatchReady, sealBatch } from './batching-rule';

const rule = { maxEvents: 100, maxWaitMs: 1000 };

describe('isBatchReady', () => {
  it.each([
    [0, 5000, false],
    [1, 999, false],
    [1, 1000, true],
    [99, 0, false],
    [100, 0, true],
    [250, 0, true],
  ])('%i waiting, oldest %i ms → %s', (waiting, age, ready) => {
    expect(isBatchReady(waiting, age, rule)).toBe(ready);
  });
});

describe('sealBatch', () => {
  it('roots the batch in the Merkle tree of its digests, in item order', () => {
    const items = ['a', 'b', 'c'].map((x, i) => ({
      itemId: `00000000-0000-4000-8000-00000000000${i}`,
      digest: createHash('sha256').update(x).digest('hex'),
    }));
    const sealed = sealBatch('batch-1', items);
    const tree = new MerkleTree(items.map((i) => i.digest));
    expect(sealed).toEqual({ batchId: 'batch-1', merkleRoot: tree.root, items });
    expect(rootFromProof(items[2].digest, tree.proof(2))).toBe(sealed.merkleRoot);
  });
});
