import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsModule } from '@pujiang/observability';
import { Kafka } from 'kafkajs';
import { EventPublisher } from './event-publisher';
import { InboxTransport } from './inbox/inbox-transport';
import { ConsumerGroups } from './inbox/consumer-groups';
import { MessageConsumers } from './inbox/message-consumers';
import { createKafka } from './kafka';
import { KafkaHealthIndicator } from './kafka.health';
import { MessagingConfig } from './messaging.config';
import { MessagingMetrics } from './messaging.metrics';
import { Outbox } from './outbox/outbox';
import { OUTBOX_RELAY_OPTIONS, OutboxRelay, OutboxRelayOptions } from './outbox/outbox-relay';

export interface MessagingModuleOptions {
  /** Names the service to Kafka (client id) and in logs. */
  clientId: string;
  relay?: Partial<OutboxRelayOptions>;
}

/**
 * Kafka for one service: the outbox and its relay, the idempotent publisher,
 * idempotent consumers with a dead-letter topic (InboxTransport, serveInbox), a
 * health indicator and their metrics (outbox backlog, consumer lag, parked messages).
 * Needs a global MessagingConfig (ConfigModule.forRoot) and a TypeORM DataSource.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [TerminusModule, MetricsModule],
      providers: [
        {
          provide: Kafka,
          inject: [MessagingConfig],
          useFactory: (config: MessagingConfig) =>
            createKafka(config, config.KAFKA_CLIENT_ID ?? options.clientId),
        },
        {
          provide: OUTBOX_RELAY_OPTIONS,
          useValue: { pollIntervalMs: 250, batchSize: 500, ...options.relay },
        },
        EventPublisher,
        Outbox,
        OutboxRelay,
        MessageConsumers,
        InboxTransport,
        ConsumerGroups,
        MessagingMetrics,
        KafkaHealthIndicator,
      ],
      exports: [Kafka, EventPublisher, Outbox, OutboxRelay, InboxTransport, KafkaHealthIndicator],
    };
  }
}
