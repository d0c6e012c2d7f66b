import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AnchorCommittedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { MessageConsumers } from '@pujiang/messaging';
import { RecordsService } from './records.service';

export const ANCHOR_COMMITTED_GROUP = 'pujiang-traceability.anchor-committed';

/** Keeps the read model's ledger columns in step with the ledger service's confirmations. */
@Injectable()
export class AnchorCommittedConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: MessageConsumers,
    private readonly records: RecordsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.subscribe({
      groupId: ANCHOR_COMMITTED_GROUP,
      topic: Topic.anchorCommitted,
      deadLetterTopic: deadLetterTopic(Topic.anchorCommitted),
      dataClass: AnchorCommittedV1,
      handle: (event, manager) => this.records.applyAnchor(event.data, manager),
    });
  }
}
