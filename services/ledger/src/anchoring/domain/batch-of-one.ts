/** One digest to anchor, as a context asked for it. */
export interface BatchItem {
  itemId: string;
  digest: string;
}

/**
 * For now every request is its own batch, so the Merkle root of the batch is
 * the item's digest and the batch id is the item id (which makes a replayed
 * request map to the same batch). The traceability issue replaces this with
 * size-or-time batching and real Merkle trees.
 */
export function batchOfOne(item: BatchItem): { batchId: string; merkleRoot: string } {
  return { batchId: item.itemId, merkleRoot: item.digest };
}
