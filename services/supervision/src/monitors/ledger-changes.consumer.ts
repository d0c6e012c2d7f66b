import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  AnchorCommittedV1,
  ClaimChangedV1,
  EblChangedV1,
  Topic,
  deadLetterTopic,
} from '@pujiang/contracts';
import { CloudEvent, InboxContext, InboxEventPattern } from '@pujiang/messaging';
import { MonitorStore } from './monitor-store';

export const ANCHORING_GROUP = 'pujiang-supervision.anchoring';
export const EBL_GROUP = 'pujiang-supervision.ebl';
export const CLAIMS_GROUP = 'pujiang-supervision.claims';

/**
 * What the ledger committed, as the services announce it: anchored batches
 * (for the anchoring lag), eBL states (surrenders) and claims with their
 * legal clocks.
 */
@Controller()
export class LedgerChangesConsumer {
  constructor(private readonly store: MonitorStore) {}

  @InboxEventPattern(Topic.anchorCommitted, {
    group: ANCHORING_GROUP,
    deadLetterTopic: deadLetterTopic(Topic.anchorCommitted),
    data: AnchorCommittedV1,
  })
  async anchored(
    @Payload() { data }: CloudEvent<AnchorCommittedV1>,
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    await this.store.recordAnchored(
      inbox.getManager(),
      data.items.map((item) => item.digest),
      data.anchoredAt,
    );
  }

  @InboxEventPattern(Topic.eblChanged, {
    group: EBL_GROUP,
    deadLetterTopic: deadLetterTopic(Topic.eblChanged),
    data: EblChangedV1,
  })
  async eblChanged(
    @Payload() { data }: CloudEvent<EblChangedV1>,
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    await this.store.recordEblState(inbox.getManager(), {
      platform: data.platform,
      reference: data.transportDocumentReference,
      status: data.status,
      changedAt: data.changedAt,
    });
  }

  @InboxEventPattern(Topic.claimChanged, {
    group: CLAIMS_GROUP,
    deadLetterTopic: deadLetterTopic(Topic.claimChanged),
    data: ClaimChangedV1,
  })
  async claimChanged(
    @Payload() { data }: CloudEvent<ClaimChangedV1>,
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    await this.store.recordClaim(inbox.getManager(), data);
  }
}
