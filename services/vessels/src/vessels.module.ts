import { Module } from '@nestjs/common';
import { AuthModule } from '@pujiang/auth';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { CrewController } from './crew/crew.controller';
import { VesselsPlatform } from './platform/vessels-platform';
import { RegistryController } from './registry/registry.controller';
import { VesselChanges } from './registry/vessel-changes';
import { VesselsLedger } from './registry/vessels-ledger';

@Module({
  imports: [AuthModule, LedgerClientModule],
  controllers: [RegistryController, CrewController],
  providers: [VesselsPlatform, VesselsLedger, VesselChanges],
})
export class VesselsModule {}
