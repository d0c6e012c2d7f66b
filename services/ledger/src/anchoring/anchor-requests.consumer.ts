import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AnchorRequestedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { CloudEvent, MessageConsumers } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';
import { AnchorBatch } from './anchor-batch.entity';
import { batchOfOne } from './domain/batch-of-one';

export const ANCHOR_REQUESTS_GROUP = 'pujiang-ledger.anchor-requests';

/** Turns anchor requests from Kafka into pending batches; a redelivered request changes nothing. */
@Injectable()
export class AnchorRequestsConsumer implements OnApplicationBootstrap {
  constructor(private readonly consumers: MessageConsumers) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.subscribe({
      groupId: ANCHOR_REQUESTS_GROUP,
      topic: Topic.anchorRequested,
      deadLetterTopic: deadLetterTopic(Topic.anchorRequested),
      dataClass: AnchorRequestedV1,
      handle: (event, manager) => this.accept(event, manager),
    });
  }

  private async accept(event: CloudEvent<AnchorRequestedV1>, manager: EntityManager) {
    const item = { itemId: event.data.itemId, digest: event.data.digest };
    const { batchId, merkleRoot } = batchOfOne(item);
    await manager
      .createQueryBuilder()
      .insert()
      .into(AnchorBatch)
      .values({ batchId, merkleRoot, items: [item], status: 'pending' })
      .orIgnore()
      .execute();
  }
}
