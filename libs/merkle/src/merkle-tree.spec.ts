import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { MerkleTree, rootFromProof } from './merkle-tree';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');
const digests = (n: number) => Array.from({ length: n }, (_, i) => digest(`event-${i}`));

describe('MerkleTree', () => {
  it('proves every leaf of trees of 1 to 33 leaves', () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = digests(n);
      const tree = new MerkleTree(leaves);
      leaves.forEach((leaf, i) => expect(rootFromProof(leaf, tree.proof(i))).toBe(tree.root));
    }
  });

  it('gives a single leaf a root that is not the bare digest', () => {
    const [leaf] = digests(1) as [string];
    const tree = new MerkleTree([leaf]);
    expect(tree.proof(0)).toEqual([]);
    expect(tree.root).not.toBe(leaf);
  });

  it('does not give a list and the list with its last leaf repeated the same root', () => {
    const leaves = digests(3);
    expect(new MerkleTree(leaves).root).not.toBe(new MerkleTree([...leaves, leaves[2]]).root);
  });

  it('does not let an inner node pass as a leaf', () => {
    const tree = new MerkleTree(digests(4));
    const inner = tree.proof(0)[1]?.hash;
    expect(new MerkleTree([inner, ...digests(2)]).root).not.toBe(tree.root);
  });

  it('rejects a proof for another leaf, a reordered list and a tampered step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }), fc.nat(), (n, pick) => {
        const leaves = digests(n);
        const tree = new MerkleTree(leaves);
        const i = pick % n;
        const other = (i + 1) % n;
        const proof = tree.proof(i);
        expect(rootFromProof(leaves[other], proof)).not.toBe(tree.root);
        const tampered = proof.map((step, k) =>
          k === 0 ? { ...step, hash: digest(step.hash) } : step,
        );
        expect(rootFromProof(leaves[i], tampered)).not.toBe(tree.root);
        const swapped = [...leaves];
        [swapped[i], swapped[other]] = [swapped[other], swapped[i]];
        expect(new MerkleTree(swapped).root).not.toBe(tree.root);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an empty list, a malformed digest and an index outside the tree', () => {
    expect(() => new MerkleTree([])).toThrow(/at least one leaf/);
    expect(() => new MerkleTree(['ABC'])).toThrow(/not a lower-case hex/);
    expect(() => new MerkleTree(digests(2)).proof(2)).toThrow(RangeError);
  });
});
