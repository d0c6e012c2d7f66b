import { Module } from '@nestjs/common';
import { AuthModule } from '@pujiang/auth';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { CrewController } from './crew/crew.controller';
import { VesselsPlatform } from './platform/vessels-platform';
import { AisReportsConsumer } from './positions/ais-reports.consumer';
import { AreaRegister } from './positions/areas/area-register';
import { AreasController } from './positions/areas/areas.controller';
import { VoyageEventsController } from './positions/voyage-events.controller';
import { VoyageRecorder } from './positions/voyage-recorder';
import { RegistryController } from './registry/registry.controller';
import { VesselChanges } from './registry/vessel-changes';
import { VesselsLedger } from './registry/vessels-ledger';

@Module({
  imports: [AuthModule, LedgerClientModule],
  controllers: [
    RegistryController,
    CrewController,
    AreasController,
    VoyageEventsController,
    AisReportsConsumer,
  ],
  providers: [VesselsPlatform, VesselsLedger, VesselChanges, AreaRegister, VoyageRecorder],
})
export class VesselsModule {}
