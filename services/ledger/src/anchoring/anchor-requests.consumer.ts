import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AnchorRequestedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { CloudEvent, MessageConsumers } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';

export const ANCHOR_REQUESTS_GROUP = 'pujiang-ledger.anchor-requests';

/** Queues requested digests for the next batch; a redelivered request changes nothing. */
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
    await manager.query(
      `INSERT INTO anchor_item (item_id, digest) VALUES ($1, $2) ON CONFLICT (item_id) DO NOTHING`,
      [event.data.itemId, event.data.digest],
    );
  }
}
