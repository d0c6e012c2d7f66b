import { Module } from '@nestjs/common';
import { AuthModule } from '@pujiang/auth';
import { EpcisModule } from '../epcis.module';
import { DeliveryWorker } from './delivery-worker';
import { NamedQueriesService } from './named-queries.service';
import { NamedQueryStore } from './named-query.store';
import { QueriesController } from './queries.controller';
import { SubscriptionMatcher } from './subscription-matcher.consumer';
import { SubscriptionScheduler } from './subscription-scheduler';
import { SubscriptionStore } from './subscription.store';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';
import { WebSocketStreams } from './websocket-streams';

/**
 * EPCIS named queries and their subscriptions (issue 18): webhook and
 * WebSocket, streamed from the event-captured topic (decision 0020) or on a
 * schedule (decision 0031).
 */
@Module({
  imports: [AuthModule, EpcisModule],
  controllers: [QueriesController, SubscriptionsController, SubscriptionMatcher],
  providers: [
    NamedQueryStore,
    SubscriptionStore,
    NamedQueriesService,
    SubscriptionsService,
    WebSocketStreams,
    DeliveryWorker,
    SubscriptionScheduler,
  ],
})
export class SubscriptionsModule {}
