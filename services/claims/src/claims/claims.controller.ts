import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { ClaimDisclosure, ClaimRecord } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { IDEMPOTENCY_KEY_HEADER, Idempotent, idempotencyKeyOf } from '@pujiang/idempotency';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, TriggerReading, timeBars, triggerReadingsOf } from '../domain';
import { EvidenceService } from '../evidence/evidence.service';
import {
  CLAIM_ANSWER_SCHEMA,
  CLAIM_DISCLOSURE_SCHEMA,
  CLAIM_LIST_SCHEMA,
  CLAIM_VIEW_SCHEMA,
} from './claim-view.schema';
import {
  ClaimActionDto,
  ClaimDisclosureDto,
  ClaimDocumentDto,
  EvidenceDto,
  NoticeDto,
  SuitExtensionDto,
} from './claim-requests.dto';
import { ClaimsService } from './claims.service';
import { ClaimStore } from './claim.store';

const ANY_CLAIM_ROLE = ['claims:insurer', 'claims:claimant', 'claims:surveyor'];

/**
 * Marine cargo claims: insurers see their own, claimants theirs, surveyors
 * what they are assigned; every step is the chaincode's to allow.
 */
@Controller('claims')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(...ANY_CLAIM_ROLE)
export class ClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly evidence: EvidenceService,
    private readonly store: ClaimStore,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({
    description: 'The claim, notified on the ledger',
    schema: CLAIM_ANSWER_SCHEMA,
  })
  @RequireRoles('claims:claimant')
  async notify(
    @CurrentPrincipal() principal: Principal,
    @Body() body: NoticeDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey?: string,
  ): Promise<{ claim: ClaimRecord }> {
    return {
      claim: await this.claims.notify(principal, body, idempotencyKeyOf(idempotencyKey)),
    };
  }

  @Get()
  @ApiOkResponse({ description: 'Claims the caller may see', schema: CLAIM_LIST_SCHEMA })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ claims: ClaimRecord[] }> {
    return { claims: await this.claims.list(principal) };
  }

  @Get(':claimId')
  @ApiOkResponse({
    description:
      'The claim with its legal clocks and settlement; a parametric claim also shows the ' +
      'readings that fired its trigger, each with the device that attested it, its owner, ' +
      'the verdict and the link to the event’s anchoring proof',
    schema: CLAIM_VIEW_SCHEMA,
  })
  async one(
    @CurrentPrincipal() principal: Principal,
    @Param('claimId', new ParseUUIDPipe()) claimId: string,
  ): Promise<{
    claim: ClaimRecord;
    capacities: string[];
    timeBars: Clock[];
    triggerReadings?: TriggerReading[];
  }> {
    const { record, facts, capacities } = await this.claims.visible(principal, claimId);
    const clocks = timeBars(
      {
        ...(facts.deliveredAt === undefined ? {} : { deliveredAt: facts.deliveredAt }),
        damageApparent: facts.damageApparent,
        extensions: facts.suitExtensions,
      },
      new Date(),
    );
    // Shown to whoever may see the claim (404 above otherwise), as the claim is.
    const parametric = record.parametric;
    if (parametric === undefined) return { claim: record, capacities, timeBars: clocks };
    const evidence = await this.store.parametricEvidence(
      this.dataSource.manager,
      claimId,
      parametric.evidenceHash,
    );
    return {
      claim: record,
      capacities,
      timeBars: clocks,
      triggerReadings: triggerReadingsOf(evidence),
    };
  }

  @Post(':claimId/actions')
  @Idempotent()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The claim after the step', schema: CLAIM_ANSWER_SCHEMA })
  async act(
    @CurrentPrincipal() principal: Principal,
    @Param('claimId', new ParseUUIDPipe()) claimId: string,
    @Body() body: ClaimActionDto,
  ): Promise<{ claim: ClaimRecord }> {
    return { claim: await this.claims.act(principal, claimId, body) };
  }

  @Post(':claimId/documents')
  @Idempotent()
  @ApiCreatedResponse({
    description: 'The document’s hash is on the ledger',
    schema: CLAIM_ANSWER_SCHEMA,
  })
  async document(
    @CurrentPrincipal() principal: Principal,
    @Param('claimId', new ParseUUIDPipe()) claimId: string,
    @Body() body: ClaimDocumentDto,
  ): Promise<{ claim: ClaimRecord }> {
    return { claim: await this.claims.addDocument(principal, claimId, body) };
  }

  @Post(':claimId/evidence')
  @Idempotent()
  @ApiCreatedResponse({
    description: 'The evidence, fetched and attached',
    schema: CLAIM_ANSWER_SCHEMA,
  })
  async addEvidence(
    @CurrentPrincipal() principal: Principal,
    @Param('claimId', new ParseUUIDPipe()) claimId: string,
    @Body() body: EvidenceDto,
    @Headers('authorization') authorization: string,
  ): Promise<{ claim: ClaimRecord }> {
    return { claim: await this.evidence.attach(principal, claimId, body, authorization) };
  }

  /** The insurer discloses private fields of its claim to the regulator, on the ledger (decision 0035). */
  @Post(':claimId/disclosures')
  @Idempotent()
  @RequireRoles('claims:insurer')
  @ApiCreatedResponse({
    description:
      'The fields are in the regulator’s collection; the ledger records who, what and when',
    schema: CLAIM_DISCLOSURE_SCHEMA,
  })
  async disclose(
    @CurrentPrincipal() principal: Principal,
    @Param('claimId', new ParseUUIDPipe()) claimId: string,
    @Body() body: ClaimDisclosureDto,
  ): Promise<{ disclosure: ClaimDisclosure }> {
    return { disclosure: await this.claims.disclose(principal, claimId, body) };
  }

  /** An extension of the suit period agreed with the carrier (Hague-Visby art. III r.6). */
  @Post(':claimId/suit-extensions')
  @Idempotent()
  @RequireRoles('claims:insurer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The suit time bar is extended' })
  async extend(
    @CurrentPrincipal() principal: Principal,
    @Param('claimId', new ParseUUIDPipe()) claimId: string,
    @Body() body: SuitExtensionDto,
  ): Promise<void> {
    const { capacities } = await this.claims.visible(principal, claimId);
    if (!capacities.includes('INSURER'))
      throw new ProblemException(403, 'only the insurer records extensions');
    await this.store.addSuitExtension(this.dataSource.manager, claimId, body.until);
  }
}
