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
      handle: (event, manager) => this.accept([event], manager),
      handleAll: (events, manager) => this.accept(events, manager),
    });
  }

  private async accept(events: CloudEvent<AnchorRequestedV1>[], manager: EntityManager) {
    await manager.query(
      `INSERT INTO anchor_item (item_id, digest)
       SELECT * FROM unnest($1::uuid[], $2::text[])
       ON CONFLICT (item_id) DO NOTHING`,
      [events.map((e) => e.data.itemId), events.map((e) => e.data.digest)],
    );
  }
}
