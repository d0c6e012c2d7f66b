import { Module } from '@nestjs/common';
import { AuthConfig, RateLimitConfig, RateLimitModule } from '@pujiang/auth';
import { ConfigModule } from '@pujiang/config';
import { HealthModule } from '@pujiang/health';
import { IDEMPOTENCY_MIGRATIONS } from '@pujiang/idempotency';
import { ApiDescriptionModule, HttpConfig, LoggingModule } from '@pujiang/http';
import { LEDGER_CLIENT_MIGRATIONS, LedgerConfig } from '@pujiang/ledger-client';
import {
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingConfig,
  MessagingModule,
} from '@pujiang/messaging';
import { DatabaseConfig, PersistenceModule } from '@pujiang/persistence';
import { ClaimsModule } from './claims.module';
import { ClaimsRepository1763880000400 } from './persistence/migrations/1763880000400-claims-repository';
import { ReadingAttestation1763880000410 } from './persistence/migrations/1763880000410-reading-attestation';
import { VesselArrivals1763880000430 } from './persistence/migrations/1763880000430-vessel-arrivals';
import { ClaimsConfig } from './platform/claims.config';

/**
 * Marine cargo insurance: policies with private amounts, claims decided by
 * the Claims chaincode, evidence from the eBL and traceability contexts,
 * parametric covers fed by EPCIS events, duplicate claims caught across
 * insurers by keyed fingerprints.
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
      ClaimsConfig,
    ),
    LoggingModule,
    RateLimitModule,
    ApiDescriptionModule.forRoot({
      title: 'Pujiang marine cargo claims',
      description:
        'Cover policies, claims from notice to settlement and recovery, evidence from the eBL and traceability ledgers',
      version: '0.1.0',
    }),
    PersistenceModule.forRoot({
      entities: [...MESSAGING_ENTITIES],
      migrations: [
        ...MESSAGING_MIGRATIONS,
        ...LEDGER_CLIENT_MIGRATIONS,
        ...IDEMPOTENCY_MIGRATIONS,
        ClaimsRepository1763880000400,
        ReadingAttestation1763880000410,
        VesselArrivals1763880000430,
      ],
    }),
    MessagingModule.forRoot({ clientId: 'pujiang-claims' }),
    // Policies and claims are decided by the Claims chaincode while the client waits; the
    // parametric covers' events come from Kafka asynchronously.
    HealthModule.forRoot({ readyWhen: ['database', 'ledger'] }),
    ClaimsModule,
  ],
})
export class AppModule {}
