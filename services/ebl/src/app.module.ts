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
import { EblModule } from './ebl.module';
import { EblRepository1763880000300 } from './persistence/migrations/1763880000300-ebl-repository';
import { EblAdditionalDocuments1763880000303 } from './persistence/migrations/1763880000303-ebl-additional-documents';
import { IncomingEnvelopeSender1763880000302 } from './persistence/migrations/1763880000302-incoming-envelope-sender';
import { EblConfig } from './platform/ebl.config';

/**
 * Electronic bills of lading (DCSA eBL 3.0): issuance by carriers, transfer
 * and endorsement decided by the Ebl chaincode, surrender to the carrier, and
 * PINT transfers to and from other eBL platforms.
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
      EblConfig,
    ),
    LoggingModule,
    RateLimitModule,
    ApiDescriptionModule.forRoot({
      title: 'Pujiang electronic bills of lading',
      description:
        'DCSA eBL 3.0: issuance by carriers (EBL_ISS), endorsement and transfer by the holder, surrender (EBL_SUR), platform-to-platform transfer (PINT) and public verification',
      version: '3.0.0',
    }),
    PersistenceModule.forRoot({
      entities: [...MESSAGING_ENTITIES],
      migrations: [
        ...MESSAGING_MIGRATIONS,
        ...LEDGER_CLIENT_MIGRATIONS,
        ...IDEMPOTENCY_MIGRATIONS,
        EblRepository1763880000300,
        IncomingEnvelopeSender1763880000302,
        EblAdditionalDocuments1763880000303,
      ],
    }),
    MessagingModule.forRoot({ clientId: 'pujiang-ebl' }),
    // Issuance, transfer, surrender and verification are decided by the Ebl chaincode while
    // the client waits; Kafka is behind the outbox.
    HealthModule.forRoot({ readyWhen: ['database', 'ledger'] }),
    EblModule,
  ],
})
export class AppModule {}
