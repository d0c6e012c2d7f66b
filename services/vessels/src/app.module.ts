import { Module } from '@nestjs/common';
import { AuthConfig, RateLimitConfig, RateLimitModule } from '@pujiang/auth';
import { ConfigModule } from '@pujiang/config';
import { HealthModule } from '@pujiang/health';
import { ApiDescriptionModule, HttpConfig, LoggingModule } from '@pujiang/http';
import { LEDGER_CLIENT_MIGRATIONS, LedgerConfig } from '@pujiang/ledger-client';
import {
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingConfig,
  MessagingModule,
} from '@pujiang/messaging';
import { DatabaseConfig, PersistenceModule } from '@pujiang/persistence';
import { Positions1763880000510 } from './persistence/migrations/1763880000510-positions';
import { VesselsConfig } from './platform/vessels.config';
import { VesselsModule } from './vessels.module';

/**
 * Vessels and crew on the ledger (issue 21): the registry each party writes
 * its own fields of, seafarers' certificates as salted commitments, crew
 * lists, and the master's certification at a time; AIS positions judged
 * against its area register, their area entries recorded on the ledger as
 * voyage events. The ledger is the record; the database holds the outbox,
 * the inbox, the event checkpoint and the positions code's register and tracks.
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
      VesselsConfig,
    ),
    LoggingModule,
    RateLimitModule,
    ApiDescriptionModule.forRoot({
      title: 'Pujiang vessels and crew',
      description:
        'Vessel records written by their flag states, owners and class societies; crew certificates as salted commitments; crew lists; the area register and voyage events from AIS',
      version: '0.1.0',
    }),
    PersistenceModule.forRoot({
      entities: [...MESSAGING_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...LEDGER_CLIENT_MIGRATIONS, Positions1763880000510],
    }),
    MessagingModule.forRoot({ clientId: 'pujiang-vessels' }),
    // Every route is the ledger's answer; vessel.changed waits in the outbox for Kafka.
    HealthModule.forRoot({ readyWhen: ['database', 'ledger'] }),
    VesselsModule,
  ],
})
export class AppModule {}
