import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { InsurerPolicyView, PolicyAmounts } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { Idempotent } from '@pujiang/idempotency';
import { ClaimsPlatform } from '../platform/claims-platform';
import { CreatePolicyDto } from './create-policy.dto';
import { PoliciesService, StoredPolicy } from './policies.service';
import { POLICY_CREATED_SCHEMA, POLICY_VIEW_SCHEMA } from './policy-view.schema';

/** Open covers and certificates: the insurer's own business, seen by nobody else. */
@Controller('policies')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles('claims:insurer')
export class PoliciesController {
  constructor(
    private readonly policies: PoliciesService,
    private readonly platform: ClaimsPlatform,
  ) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({
    description: 'The policy as recorded on the ledger, with its insured and shipment',
    schema: POLICY_CREATED_SCHEMA,
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreatePolicyDto,
  ): Promise<{ policy: InsurerPolicyView }> {
    this.platform.requireInsurer(principal);
    return { policy: await this.policies.create(body) };
  }

  @Get(':policyId')
  @ApiOkResponse({ description: 'The policy with its private terms', schema: POLICY_VIEW_SCHEMA })
  async one(
    @CurrentPrincipal() principal: Principal,
    @Param('policyId') policyId: string,
  ): Promise<{
    policy: StoredPolicy['record'];
    amounts: Omit<PolicyAmounts, 'salt'>;
  }> {
    this.platform.requireInsurer(principal);
    const stored = await this.policies.find(policyId);
    if (stored === undefined) throw new ProblemException(404, `no policy ${policyId}`);
    const { sumInsured, premium, deductible } = stored.amounts;
    return { policy: stored.record, amounts: { sumInsured, premium, deductible } };
  }
}
