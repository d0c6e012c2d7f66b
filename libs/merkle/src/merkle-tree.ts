import { createHash } from 'node:crypto';

/** One step from a leaf towards the root: the sibling hash and which side it sits on. */
export interface ProofStep {
  position: 'left' | 'right';
  hash: string;
}

// Leaves and inner nodes are hashed with different prefixes (as in RFC 6962),
// so an inner node can never be passed off as a leaf of another tree.
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function digestBytes(hex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error(`not a lower-case hex SHA-256 digest: ${hex}`);
  }
  return Buffer.from(hex, 'hex');
}

/**
 * A binary Merkle tree over SHA-256 digests, in the order given. A level with
 * an odd count carries its last node up unchanged rather than pairing it with
 * itself, which would let two different lists share a root.
 */
export class MerkleTree {
  private readonly levels: Buffer[][];

  constructor(leafDigests: readonly string[]) {
    if (leafDigests.length === 0) throw new Error('a Merkle tree needs at least one leaf');
    const leaves = leafDigests.map((hex) => sha256(LEAF_PREFIX, digestBytes(hex)));
    this.levels = [leaves];
    let level = leaves;
    while (level.length > 1) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) {
        const left = level[i];
        const right = level[i + 1];
        next.push(right === undefined ? left : sha256(NODE_PREFIX, left, right));
      }
      this.levels.push(next);
      level = next;
    }
  }

  get root(): string {
    const top = this.levels[this.levels.length - 1];
    if (top === undefined || top[0] === undefined) throw new Error('empty tree');
    return top[0].toString('hex');
  }

  get leafCount(): number {
    return this.levels[0]?.length ?? 0;
  }

  /** The siblings from the leaf at `index` up to the root. */
  proof(index: number): ProofStep[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.leafCount) {
      throw new RangeError(`leaf ${index} is outside a tree of ${this.leafCount}`);
    }
    const steps: ProofStep[] = [];
    let position = index;
    for (const level of this.levels.slice(0, -1)) {
      const isRight = position % 2 === 1;
      const sibling = level[isRight ? position - 1 : position + 1];
      if (sibling !== undefined) {
        steps.push({ position: isRight ? 'left' : 'right', hash: sibling.toString('hex') });
      }
      position = Math.floor(position / 2);
    }
    return steps;
  }
}

/** The root that `proof` leads to from the leaf digest; compare it with the anchored root. */
export function rootFromProof(leafDigest: string, proof: readonly ProofStep[]): string {
  let node = sha256(LEAF_PREFIX, digestBytes(leafDigest));
  for (const step of proof) {
    const sibling = digestBytes(step.hash);
    node =
      step.position === 'left'
        ? sha256(NODE_PREFIX, sibling, node)
        : sha256(NODE_PREFIX, node, sibling);
  }
  return node.toString('hex');
}
