import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AnchorRequestedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { LedgerConfig } from '@pujiang/ledger-client';
import { CloudEvent, MessageConsumers } from '@pujiang/messaging';
import { EntityManager } from 'typeorm';

/**
 * Prefix of the consumer group: each organisation's ledger service reads
 * every request and keeps its own organisation's, so the group is per
 * organisation (`<prefix>.<MSP id>`); sharing one would split the requests
 * between organisations and leave some unanchored.
 */
export const ANCHOR_REQUESTS_GROUP = 'pujiang-ledger.anchor-requests';

/**
 * Queues the digests its organisation asked for, for the next batch; other
 * organisations' requests are theirs to anchor. A redelivered request changes
 * nothing.
 */
@Injectable()
export class AnchorRequestsConsumer implements OnApplicationBootstrap {
  private readonly mspId: string;

  constructor(
    private readonly consumers: MessageConsumers,
    ledger: LedgerConfig,
  ) {
    this.mspId = ledger.FABRIC_MSP_ID;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.subscribe({
      groupId: `${ANCHOR_REQUESTS_GROUP}.${this.mspId}`,
      topic: Topic.anchorRequested,
      deadLetterTopic: deadLetterTopic(Topic.anchorRequested),
      dataClass: AnchorRequestedV1,
      handle: (event, manager) => this.accept([event], manager),
      handleAll: (events, manager) => this.accept(events, manager),
    });
  }

  private async accept(events: CloudEvent<AnchorRequestedV1>[], manager: EntityManager) {
    const ours = events.map((e) => e.data).filter((data) => data.organisation === this.mspId);
    if (ours.length === 0) return;
    await manager.query(
      `INSERT INTO anchor_item (item_id, digest, organisation)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (item_id) DO NOTHING`,
      [ours.map((d) => d.itemId), ours.map((d) => d.digest), ours.map((d) => d.organisation)],
    );
  }
}
