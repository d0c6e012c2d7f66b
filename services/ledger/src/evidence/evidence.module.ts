import { Module } from '@nestjs/common';
import { AuthModule } from '@pujiang/auth';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { EvidenceBundlesController } from './evidence-bundles.controller';
import { EvidenceBundles } from './evidence-bundles.service';
import { LedgerBlocks } from './ledger-blocks';
import { ProducerIdentity } from './producer-identity';

@Module({
  imports: [AuthModule, LedgerClientModule],
  controllers: [EvidenceBundlesController],
  providers: [EvidenceBundles, LedgerBlocks, ProducerIdentity],
})
export class EvidenceModule {}
