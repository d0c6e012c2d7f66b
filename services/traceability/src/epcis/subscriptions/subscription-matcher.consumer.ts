import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EpcisEventCapturedV1, Topic, deadLetterTopic } from '@pujiang/contracts';
import { CloudEvent, InboxContext, InboxEventPattern } from '@pujiang/messaging';
import { EventQuery, EventQueryError, parseEventQuery } from '../events/domain/event-query';
import { EpcisVocabulary } from '../events/epcis-vocabulary';
import { EventQueryRepository } from '../events/event-query.repository';
import { toRawQuery } from './domain/query-definition';
import { ActiveSubscription, SubscriptionStore } from './subscription.store';

export const SUBSCRIPTIONS_GROUP = 'pujiang-traceability.subscriptions';

/**
 * Drives stream subscriptions from the event-captured topic: for each batch
 * of captured events, every subscription's named query is run over just
 * those events, as its owner's organisation may see them (the same query
 * and visibility as GET /events), and each match is owed to the subscriber
 * as a delivery row. The rows are written in the transaction that marks the
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
      const query = this.queryOf(subscription);
      if (query === undefined) continue;
      const matches = await this.events.find(
        { ...query, eventHashes: hashes },
        undefined,
        hashes.length,
        subscription.viewer,
      );
      await this.store.enqueue(
        manager,
        subscription.id,
        matches.map((event) => event.seq),
      );
    }
  }

  /**
   * The subscription's query restricted to what it was subscribed for: events
   * recorded from its initialRecordTime on. Paging does not apply to a stream.
   */
  private queryOf(subscription: ActiveSubscription): EventQuery | undefined {
    let query: EventQuery;
    try {
      query = parseEventQuery(toRawQuery(subscription.query), this.vocabulary);
    } catch (error) {
      // Checked when the query was named; only a parser that became stricter gets here.
      if (!(error instanceof EventQueryError)) throw error;
      this.logger.error({ subscription: subscription.id, err: error }, 'query no longer valid');
      return undefined;
    }
    const { gte } = query.recordTime;
    if (gte === undefined || gte < subscription.initialRecordTime) {
      query.recordTime = { ...query.recordTime, gte: subscription.initialRecordTime };
    }
    delete query.eventCountLimit;
    return query;
  }
}
