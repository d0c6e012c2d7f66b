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
import { AnchorBatch } from './anchoring/anchor-batch.entity';
import { AnchorItem } from './anchoring/anchor-item.entity';
import { AnchoringConfig } from './anchoring/anchoring.config';
import { AnchoringModule } from './anchoring/anchoring.module';
import { EvidenceConfig } from './evidence/evidence.config';
import { EvidenceModule } from './evidence/evidence.module';
import { AnchorBatch1763880000100 } from './persistence/migrations/1763880000100-anchor-batch';
import { AnchorItem1763880000101 } from './persistence/migrations/1763880000101-anchor-item';
import { AnchorItemOrganisation1763880000102 } from './persistence/migrations/1763880000102-anchor-item-organisation';
import { AnchorBatchRelease1763880000103 } from './persistence/migrations/1763880000103-anchor-batch-release';

/**
 * The ledger service: the organisation's gateway to Fabric for anchoring, one
 * per organisation, signing as its anchoring identity (FABRIC_CLIENT_CERT);
 * and its evidence bundles, read from its peer (docs/decisions/0039).
 */
@Module({
  imports: [
    ConfigModule.forRoot(
      HttpConfig,
      DatabaseConfig,
      MessagingConfig,
      LedgerConfig,
      AnchoringConfig,
      AuthConfig,
      RateLimitConfig,
      EvidenceConfig,
    ),
    LoggingModule,
    RateLimitModule,
    ApiDescriptionModule.forRoot({
      title: 'Pujiang ledger',
      description:
        'Anchors captured events on Hyperledger Fabric in Merkle batches, and bundles evidence a court can check offline',
      version: '0.1.0',
    }),
    PersistenceModule.forRoot({
      entities: [...MESSAGING_ENTITIES, AnchorBatch, AnchorItem],
      migrations: [
        ...MESSAGING_MIGRATIONS,
        ...LEDGER_CLIENT_MIGRATIONS,
        AnchorBatch1763880000100,
        AnchorItem1763880000101,
        AnchorItemOrganisation1763880000102,
        AnchorBatchRelease1763880000103,
      ],
    }),
    MessagingModule.forRoot({ clientId: 'pujiang-ledger' }),
    // Its work is Kafka in, Fabric out: without either it anchors nothing.
    HealthModule.forRoot({ readyWhen: ['database', 'kafka', 'ledger'] }),
    AnchoringModule,
    EvidenceModule,
  ],
})
export class AppModule {}
