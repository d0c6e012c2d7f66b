import { Module } from '@nestjs/common';
import { AuthConfig, RateLimitConfig, RateLimitModule } from '@pujiang/auth';
import { ConfigModule } from '@pujiang/config';
import { HealthModule } from '@pujiang/health';
import { ApiDescriptionModule, HttpConfig, LoggingModule } from '@pujiang/http';
import { LedgerConfig } from '@pujiang/ledger-client';
import {
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingConfig,
  MessagingModule,
} from '@pujiang/messaging';
import { DatabaseConfig, PersistenceModule } from '@pujiang/persistence';
import { SupervisionTables1763880000600 } from './persistence/migrations/1763880000600-supervision-tables';
import { SupervisionConfig } from './platform/supervision.config';
import { SupervisionModule } from './supervision.module';

/**
 * The regulator's view across the platform (issue 20): cross-domain reads
 * from the ledger as the regulator's own identity, FSMA 204 records requests
 * with their deadlines, and compliance monitors computed from Kafka into
 * this service's own read model, shown on /supervision and as metrics.
 */
@Module({
  imports: [
    ConfigModule.forRoot(
      HttpConfig,
      DatabaseConfig,
      MessagingConfig,
      LedgerConfig,
      AuthConfig,
      RateLimitConfig,
      SupervisionConfig,
    ),
    LoggingModule,
    RateLimitModule,
    ApiDescriptionModule.forRoot({
      title: 'Pujiang supervision',
      description:
        'The regulator’s view: ledger reads across traceability, eBL and claims; FSMA 204 records requests with deadlines; compliance monitors',
      version: '0.1.0',
    }),
    PersistenceModule.forRoot({
      entities: [...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, SupervisionTables1763880000600],
    }),
    MessagingModule.forRoot({ clientId: 'pujiang-supervision' }),
    // The requests and the monitors are the database's; the ledger reads say 503 on their own.
    HealthModule.forRoot({ readyWhen: ['database', 'kafka'] }),
    SupervisionModule,
  ],
})
export class AppModule {}
