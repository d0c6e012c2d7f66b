import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { HealthController } from './health.controller';
import { HEALTH_OPTIONS, HealthOptions } from './readiness';

/**
 * `GET /health` (every dependency), `/health/live` (the process) and
 * `/health/ready` (what the service needs to answer); needs MessagingModule in the app.
 */
@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), LedgerClientModule],
      controllers: [HealthController],
      providers: [{ provide: HEALTH_OPTIONS, useValue: options }],
    };
  }
}
