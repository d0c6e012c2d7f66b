import { Module } from '@nestjs/common';
import { AuthModule } from '@pujiang/auth';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { FsmaRequestsController } from './fsma/fsma-requests.controller';
import { FsmaRequests } from './fsma/fsma-requests';
import { ComplianceMonitors } from './monitors/compliance-monitors';
import { LedgerChangesConsumer } from './monitors/ledger-changes.consumer';
import { MonitorMetrics } from './monitors/monitor-metrics';
import { MonitorStore } from './monitors/monitor-store';
import { SupplyChainConsumer } from './monitors/supply-chain.consumer';
import { SupervisionPageController } from './page/supervision-page.controller';
import { AnchoredRecords } from './records/anchored-records';
import { FabricAnchoredRecords } from './records/fabric-anchored-records';
import { RecordsController } from './records/records.controller';

@Module({
  imports: [AuthModule, LedgerClientModule],
  controllers: [
    FsmaRequestsController,
    RecordsController,
    SupervisionPageController,
    SupplyChainConsumer,
    LedgerChangesConsumer,
  ],
  providers: [
    FsmaRequests,
    MonitorStore,
    ComplianceMonitors,
    MonitorMetrics,
    { provide: AnchoredRecords, useClass: FabricAnchoredRecords },
  ],
})
export class SupervisionModule {}
