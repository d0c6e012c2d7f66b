import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PollingLoop, RetryBackoff } from '@pujiang/polling';
import { EventQueryError } from '../events/domain/event-query';
import { PageCursor } from '../events/domain/page-token';
import { EpcisVocabulary } from '../events/epcis-vocabulary';
import { EventQueryRepository } from '../events/event-query.repository';
import { nextRun } from './domain/query-schedule';
import { ActiveSubscription, SubscriptionStore } from './subscription.store';
import { subscriptionQuery } from './subscription-query';
import { SubscriptionsConfig } from './subscriptions.config';

/** Subscriptions handled per round, for runs and for replays alike. */
const ROUND_SIZE = 32;
const REPLAY_PAGE = 500;

/**
 * The time-driven half of subscriptions (decision 0031): cuts the runs of
 * scheduled subscriptions when they are due, and replays to a new
 * subscription what was recorded from its initialRecordTime before it was
 * made. The delivery worker sends both like any other delivery. Every step is
 * one transaction in PostgreSQL, so a restart resumes where it stopped.
 */
@Injectable()
export class SubscriptionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SubscriptionScheduler.name);
  private readonly loop: PollingLoop;

  constructor(
    private readonly store: SubscriptionStore,
    private readonly events: EventQueryRepository,
    private readonly vocabulary: EpcisVocabulary,
    config: SubscriptionsConfig,
  ) {
    this.loop = new PollingLoop({
      round: async () => {
        const busy = (await this.cutRuns()) + (await this.replay());
        return busy > 0 ? 0 : config.SUBSCRIPTION_POLL_MS;
      },
      backoff: new RetryBackoff(config.SUBSCRIPTION_POLL_MS, 30_000),
      onError: (error, retryInMs) =>
        this.logger.warn({ err: error }, `scheduling round failed; retrying in ${retryInMs} ms`),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Runs missed while the service was down become one run now, which takes all they owed. */
  private cutRuns(): Promise<number> {
    return this.store.cutDueRuns(ROUND_SIZE, (run) => nextRun(run.schedule, new Date()));
  }

  private async replay(): Promise<number> {
    const pending = await this.store.replaysPending(ROUND_SIZE);
    for (const subscription of pending) {
      await this.store.replayed(subscription, await this.recorded(subscription));
    }
    return pending.length;
  }

  /** Every event its query matches from its initialRecordTime on, as its owner may see them. */
  private async recorded(subscription: ActiveSubscription): Promise<string[]> {
    const query = subscriptionQuery(subscription, this.vocabulary);
    if (query instanceof EventQueryError) {
      this.logger.error({ subscription: subscription.id, err: query }, 'query no longer valid');
      return [];
    }
    const seqs: string[] = [];
    let cursor: PageCursor | undefined;
    for (;;) {
      const page = await this.events.find(query, cursor, REPLAY_PAGE, subscription.viewer);
      seqs.push(...page.map((event) => event.seq));
      const last = page.at(-1);
      if (page.length < REPLAY_PAGE || last === undefined) return seqs;
      cursor = { sortKey: last.sortKey, seq: last.seq, delivered: seqs.length };
    }
  }
}
