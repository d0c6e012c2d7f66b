import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Topic, VoyageEventRecordedV1, deadLetterTopic } from '@pujiang/contracts';
import { CloudEvent, InboxContext, InboxEventPattern } from '@pujiang/messaging';
import { ClaimsPlatform } from '../platform/claims-platform';
import { DelayCovers } from './delay-covers';

/**
 * Prefix of the consumer group: each insurer's service reads every voyage
 * event for its own delay covers (`<prefix>.<MSP id>`). Every organisation's
 * vessels service publishes each event under one CloudEvent id, so the inbox
 * keeps one.
 */
export const DELAY_COVERS_GROUP = 'pujiang-claims.delay-covers';

/** Every voyage event committed on the ledger, for the delay covers of its vessel. */
@Controller()
export class DelayCoversConsumer {
  constructor(private readonly covers: DelayCovers) {}

  @InboxEventPattern(Topic.voyageEventRecorded, {
    group: (get) => `${DELAY_COVERS_GROUP}.${get(ClaimsPlatform).mspId}`,
    deadLetterTopic: deadLetterTopic(Topic.voyageEventRecorded),
    data: VoyageEventRecordedV1,
  })
  async observe(
    @Payload() event: CloudEvent<VoyageEventRecordedV1>,
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    await this.covers.observe(event.data, inbox.getManager());
  }
}
