import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AnchorCommittedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { eventHashIdOfDigest } from '@pujiang/epcis';
import { MerkleTree } from '@pujiang/merkle';
import { CloudEvent, InboxContext, InboxEventPattern } from '@pujiang/messaging';
import { AnchoringLatency } from './anchoring-latency';

export const ANCHOR_COMMITTED_GROUP = 'pujiang-traceability.anchor-committed';

/**
 * Records, for each of our events in a committed batch, where it sits in the
 * batch's Merkle tree and its inclusion proof. The tree is rebuilt from the
 * batch's item list, so the proof is ours, not taken on trust from a message.
 */
@Controller()
export class AnchorCommittedConsumer {
  private readonly logger = new Logger(AnchorCommittedConsumer.name);

  constructor(private readonly latency: AnchoringLatency) {}

  @InboxEventPattern(Topic.anchorCommitted, {
    group: ANCHOR_COMMITTED_GROUP,
    deadLetterTopic: deadLetterTopic(Topic.anchorCommitted),
    data: AnchorCommittedV1,
  })
  async applyAnchor(
    @Payload() { data: batch }: CloudEvent<AnchorCommittedV1>,
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    const tree = new MerkleTree(batch.items.map((item) => item.digest));
    if (tree.root !== batch.merkleRoot) {
      this.logger.error({ batchId: batch.batchId }, 'batch items do not lead to its root; ignored');
      return;
    }
    // Only rows that are ours and whose hash is the anchored digest are updated. The digest is
    // turned back into the event hash ID in TypeScript, by the module that writes every hash ID
    // (libs/epcis event-hash-id.ts), and compared with the stored column as it is: SQL parses
    // no `ni:` URI, so the format lives in one place and no second column must be kept in step.
    // Who anchored is recorded as the batch says, not checked here: the proof
    // check compares it with the capturing organisation and says if they differ.
    const updated: [{ record_time: Date }[], number] = await inbox.getManager().query(
      `UPDATE epcis_event e
          SET anchor_status = 'anchored', batch_id = $1, merkle_root = $2, tx_id = $3,
              block_number = $4, anchored_at = $5, leaf_index = u.leaf_index,
              merkle_proof = u.proof, anchored_by = $10
         FROM unnest($6::uuid[], $7::text[], $8::int[], $9::jsonb[])
              AS u(id, event_hash, leaf_index, proof)
        WHERE e.id = u.id AND e.event_hash = u.event_hash
       RETURNING e.record_time`,
      [
        batch.batchId,
        batch.merkleRoot,
        batch.txId,
        batch.blockNumber,
        batch.anchoredAt,
        batch.items.map((item) => item.itemId),
        batch.items.map((item) => eventHashIdOfDigest(item.digest)),
        batch.items.map((_, index) => index),
        batch.items.map((_, index) => JSON.stringify(tree.proof(index))),
        batch.submitterMspId,
      ],
    );
    // Observed before the transaction commits: a batch retried after a failure counts twice,
    // rare enough not to bend a latency histogram.
    this.latency.observe(
      new Date(batch.anchoredAt),
      updated[0].map((row) => row.record_time),
    );
    this.logger.log(
      { batchId: batch.batchId, events: updated[0].length },
      'anchored events recorded with their proofs',
    );
  }
}
