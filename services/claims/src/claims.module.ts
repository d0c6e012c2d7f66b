import { Module } from '@nestjs/common';
import { AuthModule } from '@pujiang/auth';
import { IdempotencyModule } from '@pujiang/idempotency';
import { LedgerClientModule } from '@pujiang/ledger-client';
import { ClaimStore } from './claims/claim.store';
import { ClaimsController } from './claims/claims.controller';
import { ClaimsFollower } from './claims/claims-follower';
import { ClaimsLedger } from './claims/claims-ledger';
import { ClaimsService } from './claims/claims.service';
import { EvidenceService } from './evidence/evidence.service';
import { DelayCovers } from './parametric/delay-covers';
import { DelayCoversConsumer } from './parametric/delay-covers.consumer';
import { ParametricClaims } from './parametric/parametric-claims';
import { ParametricCovers } from './parametric/parametric-covers';
import { ParametricCoversConsumer } from './parametric/parametric-covers.consumer';
import { ClaimsPlatform } from './platform/claims-platform';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { ClaimsMetrics } from './platform/claims.metrics';

@Module({
  imports: [AuthModule, IdempotencyModule, LedgerClientModule],
  controllers: [
    PoliciesController,
    ClaimsController,
    ParametricCoversConsumer,
    DelayCoversConsumer,
  ],
  providers: [
    ClaimsPlatform,
    ClaimsMetrics,
    ClaimsLedger,
    ClaimStore,
    ClaimsService,
    ClaimsFollower,
    EvidenceService,
    PoliciesService,
    ParametricClaims,
    ParametricCovers,
    DelayCovers,
  ],
})
export class ClaimsModule {}
