import { Module } from '@nestjs/common';
import { ConfigModule } from '@pujiang/config';
import { HealthModule } from '@pujiang/health';
import { HttpConfig, LoggingModule } from '@pujiang/http';
import { LedgerConfig } from '@pujiang/ledger-client';
import {
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingConfig,
  MessagingModule,
} from '@pujiang/messaging';
import { DatabaseConfig, PersistenceModule } from '@pujiang/persistence';

/**
 * Marine cargo insurance claims. Its use cases (policies, claims, parametric
 * triggers) arrive with the claims issue; today it runs, migrates and reports health.
 */
@Module({
  imports: [
    ConfigModule.forRoot(HttpConfig, DatabaseConfig, MessagingConfig, LedgerConfig),
    LoggingModule,
    PersistenceModule.forRoot({ entities: MESSAGING_ENTITIES, migrations: MESSAGING_MIGRATIONS }),
    MessagingModule.forRoot({ clientId: 'pujiang-claims' }),
    HealthModule,
  ],
})
export class AppModule {}
