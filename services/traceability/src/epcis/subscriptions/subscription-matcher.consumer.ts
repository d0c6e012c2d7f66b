import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EpcisEventCapturedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { CloudEvent, InboxContext, InboxEventPattern } from '@pujiang/messaging';
import { EventQueryError } from '../events/domain/event-query';
import { EpcisVocabulary } from '../events/epcis-vocabulary';
import { EventQueryRepository } from '../events/event-query.repository';
import { SubscriptionStore } from './subscription.store';
import { subscriptionQuery } from './subscription-query';

export const SUBSCRIPTIONS_GROUP = 'pujiang-traceability.subscriptions';

/**
 * Drives subscriptions from the event-captured topic: for each batch
 * of captured events, every subscription's named query is run over just
 * those events, as its owner's organisation may see them (the same query
 * and visibility as GET /events), and each match is owed to the subscriber
 * as a delivery row (a stream) or a match for the next run (a schedule). The rows are written in the transaction that marks the
 * messages processed, so a crash loses nothing and repeats nothing.
 */
@Controller()
export class SubscriptionMatcher {
  private readonly logger = new Logger(SubscriptionMatcher.name);

  constructor(
    private readonly store: SubscriptionStore,
    private readonly events: EventQueryRepository,
    private readonly vocabulary: EpcisVocabulary,
  ) {}

  @InboxEventPattern(Topic.eventCaptured, {
    group: SUBSCRIPTIONS_GROUP,
    deadLetterTopic: deadLetterTopic(Topic.eventCaptured),
    data: EpcisEventCapturedV1,
    batch: true,
  })
  async match(
    @Payload() captured: CloudEvent<EpcisEventCapturedV1>[],
    @Ctx() inbox: InboxContext,
  ): Promise<void> {
    const manager = inbox.getManager();
    const hashes = captured.map((event) => event.data.eventHash);
    for (const subscription of await this.store.active(manager)) {
      const query = subscriptionQuery(subscription, this.vocabulary);
      if (query instanceof EventQueryError) {
        this.logger.error({ subscription: subscription.id, err: query }, 'query no longer valid');
        continue;
      }
      const matches = await this.events.find(
        { ...query, eventHashes: hashes },
        undefined,
        hashes.length,
        subscription.viewer,
      );
      await this.store.enqueue(
        manager,
        subscription,
        matches.map((event) => event.seq),
      );
    }
  }
}
