import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsModule } from '@pujiang/observability';
import { ChaincodeEventListener } from './events/chaincode-event-listener';
import { LedgerGateway } from './ledger-gateway';
import { LedgerHealthIndicator } from './ledger.health';

/** Needs a global LedgerConfig (ConfigModule.forRoot) and a TypeORM DataSource. */
@Module({
  imports: [TerminusModule, MetricsModule],
  providers: [LedgerGateway, ChaincodeEventListener, LedgerHealthIndicator],
  exports: [LedgerGateway, ChaincodeEventListener, LedgerHealthIndicator],
})
export class LedgerClientModule {}
