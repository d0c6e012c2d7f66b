import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import type {
  CrewListRecord,
  MasterCertificateVerdict,
  SeafarerCertificateRecord,
} from '@pujiang/contracts';
import { randomBytes } from 'node:crypto';
import { ANY_VESSEL_ROLE, VesselRole, VesselsPlatform } from '../platform/vessels-platform';
import { ImoNumberPipe } from '../registry/imo-number.pipe';
import { StateAtQuery } from '../registry/registry.dto';
import { VesselsLedger } from '../registry/vessels-ledger';
import { CrewListDto, SeafarerCertificateDto } from './crew.dto';

/**
 * Crew (issue 21 item 2): the employer records its seafarers' certificates
 * (personal data to its private collection, a salted commitment on the
 * ledger) and its vessels' crew lists; anyone in the registry, insurers
 * included, may ask whether a vessel's master was certified at a time and
 * gets the answer with the commitments it rests on, no personal field.
 */
@Controller()
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(...ANY_VESSEL_ROLE)
export class CrewController {
  constructor(
    private readonly ledger: VesselsLedger,
    private readonly platform: VesselsPlatform,
  ) {}

  @Post('seafarer-certificates')
  @RequireRoles(VesselRole.manager)
  @ApiCreatedResponse({ description: 'The public record: pseudonym, validity, commitment' })
  async recordCertificate(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SeafarerCertificateDto,
  ): Promise<{ certificate: SeafarerCertificateRecord }> {
    const party = this.platform.actingParty(principal, VesselRole.manager);
    // A fresh salt per certificate: the commitment reveals nothing of guessable details.
    const details = { ...body, salt: randomBytes(32).toString('hex') };
    return { certificate: await this.ledger.recordSeafarerCertificate(party, details) };
  }

  @Post('vessels/:imoNumber/crew-lists')
  @RequireRoles(VesselRole.manager)
  @ApiCreatedResponse({ description: 'The crew list as recorded (pseudonyms and ranks)' })
  async recordCrewList(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Body() body: CrewListDto,
  ): Promise<{ crewList: CrewListRecord }> {
    const party = this.platform.actingParty(principal, VesselRole.manager);
    return { crewList: await this.ledger.recordCrewList(party, imoNumber, body) };
  }

  @Get('vessels/:imoNumber/crew-lists/:voyageId')
  @ApiOkResponse({ description: 'The crew list of a voyage (pseudonyms and ranks)' })
  async crewList(
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Param('voyageId') voyageId: string,
  ): Promise<{ crewList: CrewListRecord }> {
    return { crewList: await this.ledger.readCrewList(imoNumber, voyageId) };
  }

  @Get('vessels/:imoNumber/master-certification')
  @ApiOkResponse({
    description:
      'Whether the master held a valid certificate at `at`, with the commitments matched',
  })
  async masterCertification(
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Query() query: StateAtQuery,
  ): Promise<{ verdict: MasterCertificateVerdict }> {
    return { verdict: await this.ledger.verifyMasterCertificate(imoNumber, query.at) };
  }
}
