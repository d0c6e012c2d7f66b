import { Module } from '@nestjs/common';
import { AuthModule } from '@pujiang/auth';
import { EpcisModule } from '../epcis.module';
import { DeliveryWorker } from './delivery-worker';
import { NamedQueriesService } from './named-queries.service';
import { NamedQueryStore } from './named-query.store';
import { QueriesController } from './queries.controller';
import { SubscriptionMatcher } from './subscription-matcher.consumer';
import { SubscriptionStore } from './subscription.store';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';
import { WebSocketStreams } from './websocket-streams';

/**
 * EPCIS named queries and their subscriptions (issue 18): webhook and
 * WebSocket streams, driven by the event-captured topic (decision 0020).
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
  ],
})
export class SubscriptionsModule {}
