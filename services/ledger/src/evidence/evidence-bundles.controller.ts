import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal } from '@pujiang/auth';
import { EvidenceBundle, evidenceBundleOpenApiSchema } from '@pujiang/evidence';
import { EvidenceRequestDto } from './evidence-request.dto';
import { EvidenceBundles } from './evidence-bundles.service';

/**
 * Evidence bundles a court can check offline (`pujiang evidence verify`).
 * Any authenticated caller may ask; what it gets is only what it may read:
 * the records come from their own services with its token.
 */
@Controller('evidence-bundles')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
export class EvidenceBundlesController {
  constructor(private readonly bundles: EvidenceBundles) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({
    description: 'One evidence bundle (JSON, format pujiang.evidence-bundle version 1)',
    schema: evidenceBundleOpenApiSchema(),
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: EvidenceRequestDto,
    @Headers('authorization') authorization: string,
  ): Promise<EvidenceBundle> {
    return this.bundles.assemble(principal, authorization, { kind: body.kind, id: body.id });
  }
}
