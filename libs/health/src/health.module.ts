import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { HealthController } from './health.controller';

/** `GET /health` for readiness and liveness probes; needs MessagingModule in the app. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), LedgerClientModule],
  controllers: [HealthController],
})
export class HealthModule {}
