import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EpcisEventCapturedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { CloudEvent, InboxContext, InboxEventPattern } from '@pujiang/messaging';
import { ClaimsPlatform } from '../platform/claims-platform';
import { ParametricCovers } from './parametric-covers';

/**
 * Prefix of the consumer group: each insurer's service reads every event for
 * its own covers, so the group is per insurer (`<prefix>.<MSP id>`); insurers
 * sharing one Kafka must not split the events between them.
 */
export const PARAMETRIC_COVERS_GROUP = 'pujiang-claims.parametric-covers';

/** Every EPCIS event traceability stores, for the covers that watch its containers and lots. */
@Controller()
export class ParametricCoversConsumer {
  constructor(private readonly covers: ParametricCovers) {}

  @InboxEventPattern(Topic.eventCaptured, {
    group: (get) => `${PARAMETRIC_COVERS_GROUP}.${get(ClaimsPlatform).mspId}`,
    deadLetterTopic: deadLetterTopic(Topic.eventCaptured),
    data: EpcisEventCapturedV1,
    batch: true,
  })
  async observe(
    @Payload() events: CloudEvent<EpcisEventCapturedV1>[],
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    await this.covers.observeAll(
      events.map((event) => event.data),
      inbox.getManager(),
    );
  }
}
