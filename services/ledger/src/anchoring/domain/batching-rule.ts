import { MerkleTree } from '@pujiang/merkle';

/** One digest to anchor, as a context asked for it. */
export interface BatchItem {
  itemId: string;
  digest: string;
}

export interface BatchingRule {
  maxEvents: number;
  maxWaitMs: number;
}

/**
 * Seal when the batch is full, or when its oldest hash has waited long
 * enough: large batches under load (one transaction for many events), a
 * bounded delay when traffic is light.
 */
export function isBatchReady(waiting: number, oldestWaitedMs: number, rule: BatchingRule): boolean {
  return waiting >= rule.maxEvents || (waiting > 0 && oldestWaitedMs >= rule.maxWaitMs);
}

export interface SealedBatch {
  batchId: string;
  merkleRoot: string;
  /** Leaf order of the tree: anyone holding this list can rebuild every proof. */
  items: BatchItem[];
}

export function sealBatch(batchId: string, items: readonly BatchItem[]): SealedBatch {
  const tree = new MerkleTree(items.map((item) => item.digest));
  return { batchId, merkleRoot: tree.root, items: [...items] };
}
