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
import { TraceRecord1763880000200 } from './persistence/migrations/1763880000200-trace-record';
import { RecordsModule } from './records/records.module';
import { TraceRecord } from './records/trace-record.entity';

/** Farm-to-fork traceability: captures records and shows their anchoring on the ledger. */
@Module({
  imports: [
    ConfigModule.forRoot(HttpConfig, DatabaseConfig, MessagingConfig, LedgerConfig),
    LoggingModule,
    PersistenceModule.forRoot({
      entities: [...MESSAGING_ENTITIES, TraceRecord],
      migrations: [...MESSAGING_MIGRATIONS, TraceRecord1763880000200],
    }),
    MessagingModule.forRoot({ clientId: 'pujiang-traceability' }),
    HealthModule,
    RecordsModule,
  ],
})
export class AppModule {}
