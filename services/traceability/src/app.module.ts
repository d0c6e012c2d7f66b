import { Module } from '@nestjs/common';
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
import { EpcisModule } from './epcis/epcis.module';
import { TraceRecord1763880000200 } from './persistence/migrations/1763880000200-trace-record';
import { EpcisRepository1763880000201 } from './persistence/migrations/1763880000201-epcis-repository';

/** Farm-to-fork traceability: an EPCIS 2.0 repository whose events are anchored on the ledger. */
@Module({
  imports: [
    ConfigModule.forRoot(HttpConfig, DatabaseConfig, MessagingConfig, LedgerConfig),
    LoggingModule,
    ApiDescriptionModule.forRoot({
      title: 'Pujiang traceability',
      description:
        'EPCIS 2.0 capture and query, trace and recall, and the GS1 Digital Link consumer page',
      version: '2.0.0',
    }),
    PersistenceModule.forRoot({
      entities: [...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, TraceRecord1763880000200, EpcisRepository1763880000201],
    }),
    MessagingModule.forRoot({ clientId: 'pujiang-traceability' }),
    HealthModule,
    EpcisModule,
  ],
})
export class AppModule {}
