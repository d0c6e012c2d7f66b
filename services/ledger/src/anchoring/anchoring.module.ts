import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { AnchorBatch } from './anchor-batch.entity';
import { AnchorConfirmations } from './anchor-confirmations';
import { AnchorRequestsConsumer } from './anchor-requests.consumer';
import { Anchorer } from './anchorer';
import { AnchoringTraces } from './anchoring-traces';
import { AnchorItem } from './anchor-item.entity';
import { BatchSealer } from './batch-sealer';

@Module({
  imports: [TypeOrmModule.forFeature([AnchorBatch, AnchorItem]), LedgerClientModule],
  controllers: [AnchorRequestsConsumer],
  providers: [BatchSealer, Anchorer, AnchorConfirmations, AnchoringTraces],
})
export class AnchoringModule {}
