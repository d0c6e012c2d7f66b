import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { AREA_ID_PATTERN } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { ANY_VESSEL_ROLE, VesselRole } from '../../domain/vessel-roles';
import { ImoNumberPipe } from '../../registry/imo-number.pipe';
import { areaKeeperRefusal, tradingLimitsRefusal } from '../domain/area-keepers';
import { AreaError, parseGeometry } from '../domain/areas';
import { AreaRegister, RegisteredArea } from './area-register';
import { AreaQuery, KeepAreaDto, TradingLimitsDto } from './areas.dto';

const keeperOf = (principal: Principal) => `${principal.organisation}::${principal.party}`;

function areaIdOf(value: string): string {
  if (!AREA_ID_PATTERN.test(value)) throw new ProblemException(400, 'malformed area id');
  return value;
}

/**
 * The area register the positions code judges AIS positions against
 * (docs/decisions/0033): insurers keep the trading limits of the vessels
 * they insure and their port areas, the war-risk lists' keeper the war-risk
 * areas; anyone of the vessels roles reads them.
 */
@Controller()
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(...ANY_VESSEL_ROLE)
export class AreasController {
  constructor(private readonly register: AreaRegister) {}

  @Put('areas/:areaId')
  @RequireRoles(VesselRole.insurer, VesselRole.warRiskLists)
  @ApiOkResponse({ description: 'The area as registered, with the reference policies name it by' })
  async keep(
    @CurrentPrincipal() principal: Principal,
    @Param('areaId') areaId: string,
    @Body() body: KeepAreaDto,
  ): Promise<{ area: RegisteredArea }> {
    const id = areaIdOf(areaId);
    const refusal = areaKeeperRefusal(body.kind, principal.roles);
    if (refusal !== undefined) throw new ProblemException(403, refusal);
    let geometry;
    try {
      geometry = parseGeometry(body.geometry);
    } catch (error) {
      if (error instanceof AreaError) throw new ProblemException(400, error.message);
      throw error;
    }
    const kept = await this.register.keep(
      { areaId: id, kind: body.kind, name: body.name, geometry },
      keeperOf(principal),
    );
    if ('conflict' in kept) {
      throw new ProblemException(
        409,
        `area ${id} is registered with another kind, name or geometry (${kept.conflict.reference.geometrySha256}); a redrawn area takes a new id`,
      );
    }
    return kept;
  }

  @Get('areas')
  @ApiOkResponse({ description: 'The register’s areas, of one kind if asked' })
  async list(@Query() query: AreaQuery): Promise<{ areas: RegisteredArea[] }> {
    return { areas: await this.register.list(query.kind) };
  }

  @Get('areas/:areaId')
  @ApiOkResponse({ description: 'One area of the register' })
  async read(@Param('areaId') areaId: string): Promise<{ area: RegisteredArea }> {
    const area = await this.register.find(areaIdOf(areaId));
    if (area === undefined) throw new ProblemException(404, `no area ${areaId}`);
    return { area };
  }

  @Put('vessels/:imoNumber/trading-limits')
  @RequireRoles(VesselRole.insurer)
  @ApiOkResponse({ description: 'The vessel’s trading limits as now set' })
  async setTradingLimits(
    @CurrentPrincipal() principal: Principal,
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
    @Body() body: TradingLimitsDto,
  ): Promise<{ imoNumber: string; tradingLimits: RegisteredArea[] }> {
    const areas = await this.register.findAll(body.areaIds);
    const missing = body.areaIds.filter((id) => !areas.some((a) => a.areaId === id));
    if (missing.length > 0) {
      throw new ProblemException(422, `no area ${missing.join(', ')} in the register`);
    }
    const refusal = tradingLimitsRefusal(areas);
    if (refusal !== undefined) throw new ProblemException(422, refusal);
    const tradingLimits = await this.register.setTradingLimits(
      imoNumber,
      body.areaIds,
      keeperOf(principal),
    );
    return { imoNumber, tradingLimits };
  }

  @Get('vessels/:imoNumber/trading-limits')
  @ApiOkResponse({ description: 'The vessel’s trading limits' })
  async tradingLimits(
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
  ): Promise<{ imoNumber: string; tradingLimits: RegisteredArea[] }> {
    return { imoNumber, tradingLimits: await this.register.tradingLimits(imoNumber) };
  }
}
