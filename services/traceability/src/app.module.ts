import { Module } from '@nestjs/common';
import { AuthConfig, RateLimitConfig, RateLimitModule } from '@pujiang/auth';
import { ConfigModule } from '@pujiang/config';
import { Topic } from '@pujiang/contracts';
import { HealthModule } from '@pujiang/health';
import { ApiDescriptionModule, HttpConfig, LoggingModule } from '@pujiang/http';
import { LedgerConfig } from '@pujiang/ledger-client';
import { MESSAGING_ENTITIES, MessagingConfig, MessagingModule } from '@pujiang/messaging';
import { DatabaseConfig, PersistenceModule } from '@pujiang/persistence';
import { CaptureConfig } from './epcis/capture/capture.config';
import { ConsumerPageConfig } from './epcis/consumer-page/consumer-page.config';
import { MasterDataConfig } from './epcis/master-data/master-data.config';
import { EpcisModule } from './epcis/epcis.module';
import { SharingConfig } from './epcis/sharing/sharing.config';
import { SubscriptionsConfig } from './epcis/subscriptions/subscriptions.config';
import { SubscriptionsModule } from './epcis/subscriptions/subscriptions.module';
import { TraceConfig } from './epcis/trace/trace.config';
import { TRACEABILITY_MIGRATIONS } from './persistence/migrations';
import { TRACEABILITY_SESSION_SETTINGS } from './persistence/session-settings';

/** Farm-to-fork traceability: an EPCIS 2.0 repository whose events are anchored on the ledger. */
@Module({
  imports: [
    ConfigModule.forRoot(
      HttpConfig,
      DatabaseConfig,
      MessagingConfig,
      LedgerConfig,
      AuthConfig,
      RateLimitConfig,
      SharingConfig,
      CaptureConfig,
      TraceConfig,
      SubscriptionsConfig,
      MasterDataConfig,
      ConsumerPageConfig,
    ),
    LoggingModule,
    RateLimitModule,
    ApiDescriptionModule.forRoot({
      title: 'Pujiang traceability',
      description:
        'EPCIS 2.0 capture and query, trace and recall, and the GS1 Digital Link consumer page',
      version: '2.0.0',
    }),
    PersistenceModule.forRoot({
      entities: [...MESSAGING_ENTITIES],
      migrations: TRACEABILITY_MIGRATIONS,
      sessionSettings: TRACEABILITY_SESSION_SETTINGS,
    }),
    MessagingModule.forRoot({
      clientId: 'pujiang-traceability',
      // Anchor requests are small and time-bound (capture → commit); they must not
      // wait behind a backlog of event-captured messages, which carry whole events.
      // A capture's requests share one key, so a batch is one record batch on one
      // partition: 500 of them stay well under the broker's 1 MB limit.
      relay: { lanes: [{ topic: Topic.anchorRequested, pollIntervalMs: 50, batchSize: 500 }] },
    }),
    // Capture, queries, trace and the consumer page read and write PostgreSQL only: anchoring
    // and announcements leave through the outbox, so neither Kafka nor Fabric is needed to
    // answer (a proof asked while the ledger is down is refused on its own, 503).
    HealthModule.forRoot({ readyWhen: ['database'] }),
    EpcisModule,
    SubscriptionsModule,
  ],
})
export class AppModule {}
