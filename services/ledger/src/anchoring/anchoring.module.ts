import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { AnchorBatch } from './anchor-batch.entity';
import { AnchorConfirmations } from './anchor-confirmations';
import { AnchorRequestsConsumer } from './anchor-requests.consumer';
import { Anchorer } from './anchorer';

@Module({
  imports: [TypeOrmModule.forFeature([AnchorBatch]), LedgerClientModule],
  providers: [AnchorRequestsConsumer, Anchorer, AnchorConfirmations],
})
export class AnchoringModule {}
