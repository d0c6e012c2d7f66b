import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EpcisEventCapturedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { MessageConsumers } from '@pujiang/messaging';
import { ClaimsPlatform } from '../platform/claims-platform';
import { ParametricCovers } from './parametric-covers';

/**
 * Prefix of the consumer group: each insurer's service reads every event for
 * its own covers, so the group is per insurer (`<prefix>.<MSP id>`); insurers
 * sharing one Kafka must not split the events between them.
 */
export const PARAMETRIC_COVERS_GROUP = 'pujiang-claims.parametric-covers';

/** Every EPCIS event traceability stores, for the covers that watch its containers and lots. */
@Injectable()
export class ParametricCoversConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: MessageConsumers,
    private readonly covers: ParametricCovers,
    private readonly platform: ClaimsPlatform,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.subscribe({
      groupId: `${PARAMETRIC_COVERS_GROUP}.${this.platform.mspId}`,
      topic: Topic.eventCaptured,
      deadLetterTopic: deadLetterTopic(Topic.eventCaptured),
      dataClass: EpcisEventCapturedV1,
      handle: (event, manager) => this.covers.observe(event.data, manager),
      handleAll: (events, manager) =>
        this.covers.observeAll(
          events.map((event) => event.data),
          manager,
        ),
    });
  }
}
