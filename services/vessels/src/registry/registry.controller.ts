import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import {
  VesselTransaction,
  vesselStateAt,
  type VesselRecord,
  type VesselStateAt,
} from '@pujiang/contracts';
import { ANY_VESSEL_ROLE, VesselRole, VesselsPlatform } from '../platform/vessels-platform';
import { ImoNumberPipe } from './imo-number.pipe';
import {
  AmendRegistrationDto,
  ClassChangeDto,
  DeregisterDto,
  PartyChangeDto,
  RegisterVesselDto,
  StateAtQuery,
  VesselCertificateDto,
  WithdrawCertificateDto,
} from './registry.dto';
import { VesselsLedger } from './vessels-ledger';

const { flagState, classSociety, owner } = VesselRole;

/**
 * The vessel registry (issue 21): each route signs as the caller's own party
 * and the chaincode decides whether that party writes the field — the flag
 * state registration, the owner ownership and management, the class society
 * class; certificates their issuers.
 */
@Controller('vessels')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(...ANY_VESSEL_ROLE)
export class RegistryController {
  constructor(
    private readonly ledger: VesselsLedger,
    private readonly platform: VesselsPlatform,
  ) {}

  @Post()
  @RequireRoles(flagState)
  @ApiCreatedResponse({ description: 'The vessel as registered on the ledger' })
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RegisterVesselDto,
  ): Promise<{ vessel: VesselRecord }> {
    const party = this.platform.actingParty(principal, flagState);
    const vessel = await this.ledger.change(party, VesselTransaction.register, [
      JSON.stringify(body),
    ]);
    return { vessel };
  }

  @Post(':imoNumber/registration-amendments')
  @RequireRoles(flagState)
  @ApiCreatedResponse({ description: 'The vessel after the amendment' })
  async amend(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Body() body: AmendRegistrationDto,
  ): Promise<{ vessel: VesselRecord }> {
    return this.act(principal, [flagState], VesselTransaction.amendRegistration, [
      imoNumber,
      JSON.stringify(body),
    ]);
  }

  @Post(':imoNumber/deregistration')
  @RequireRoles(flagState)
  @ApiCreatedResponse({ description: 'The vessel, closed on its flag’s register' })
  async deregister(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Body() body: DeregisterDto,
  ): Promise<{ vessel: VesselRecord }> {
    return this.act(principal, [flagState], VesselTransaction.deregister, [
      imoNumber,
      body.effectiveFrom ?? '',
    ]);
  }

  @Post(':imoNumber/ownership-transfers')
  @RequireRoles(owner)
  @ApiCreatedResponse({ description: 'The vessel under its new owner' })
  async transferOwnership(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Body() body: PartyChangeDto,
  ): Promise<{ vessel: VesselRecord }> {
    return this.act(principal, [owner], VesselTransaction.transferOwnership, [
      imoNumber,
      JSON.stringify(body),
    ]);
  }

  @Post(':imoNumber/manager-appointments')
  @RequireRoles(owner)
  @ApiCreatedResponse({ description: 'The vessel with its new manager' })
  async appointManager(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Body() body: PartyChangeDto,
  ): Promise<{ vessel: VesselRecord }> {
    return this.act(principal, [owner], VesselTransaction.appointManager, [
      imoNumber,
      JSON.stringify(body),
    ]);
  }

  @Post(':imoNumber/class-changes')
  @RequireRoles(classSociety)
  @ApiCreatedResponse({ description: 'The vessel with its class as changed' })
  async changeClass(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Body() body: ClassChangeDto,
  ): Promise<{ vessel: VesselRecord }> {
    return this.act(principal, [classSociety], VesselTransaction.changeClass, [
      imoNumber,
      JSON.stringify(body),
    ]);
  }

  @Post(':imoNumber/certificates')
  @RequireRoles(flagState, classSociety)
  @ApiCreatedResponse({ description: 'The vessel with the certificate recorded' })
  async recordCertificate(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Body() body: VesselCertificateDto,
  ): Promise<{ vessel: VesselRecord }> {
    return this.act(principal, [flagState, classSociety], VesselTransaction.recordCertificate, [
      imoNumber,
      JSON.stringify(body),
    ]);
  }

  @Post(':imoNumber/certificates/:kind/:certificateNumber/withdrawal')
  @HttpCode(200)
  @RequireRoles(flagState, classSociety)
  @ApiOkResponse({ description: 'The vessel with the certificate withdrawn' })
  async withdrawCertificate(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Param('kind') kind: string,
    @Param('certificateNumber') certificateNumber: string,
    @Body() body: WithdrawCertificateDto,
  ): Promise<{ vessel: VesselRecord }> {
    return this.act(principal, [flagState, classSociety], VesselTransaction.withdrawCertificate, [
      imoNumber,
      kind,
      certificateNumber,
      body.effectiveFrom ?? '',
    ]);
  }

  @Get(':imoNumber')
  @ApiOkResponse({ description: 'The ledger record with its full history' })
  async one(
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
  ): Promise<{ vessel: VesselRecord }> {
    return { vessel: await this.ledger.readVessel(imoNumber) };
  }

  @Get(':imoNumber/state')
  @ApiOkResponse({
    description: 'The vessel as it stood at `at`: class, certificates, owner, flag',
  })
  async stateAt(
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Query() query: StateAtQuery,
  ): Promise<{ state: VesselStateAt }> {
    const vessel = await this.ledger.readVessel(imoNumber);
    return { state: vesselStateAt(vessel, new Date(query.at).toISOString()) };
  }

  private async act(
    principal: Principal,
    roles: VesselRole[],
    transaction: Parameters<VesselsLedger['change']>[1],
    args: string[],
  ): Promise<{ vessel: VesselRecord }> {
    const party = this.platform.actingParty(principal, ...roles);
    return { vessel: await this.ledger.change(party, transaction, args) };
  }
}
