import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse } from '@nestjs/swagger';
import { BearerAuthGuard, RequireRoles } from '@pujiang/auth';
import { VOYAGES_CONTRACT, VoyagesTransaction, type VoyageEventRecord } from '@pujiang/contracts';
import { LedgerGateway, problemFromLedger } from '@pujiang/ledger-client';
import { ANY_VESSEL_ROLE } from '../domain/vessel-roles';
import { ImoNumberPipe } from '../registry/imo-number.pipe';

/** A vessel's voyage events as the ledger holds them, whichever organisation recorded them. */
@Controller('vessels')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(...ANY_VESSEL_ROLE)
export class VoyageEventsController {
  constructor(private readonly gateway: LedgerGateway) {}

  @Get(':imoNumber/voyage-events')
  @ApiOkResponse({ description: 'The vessel’s voyage events in time order' })
  async list(
    @Param('imoNumber', ImoNumberPipe) imoNumber: string,
  ): Promise<{ imoNumber: string; voyageEvents: VoyageEventRecord[] }> {
    try {
      const events = await this.gateway.evaluate({
        contract: VOYAGES_CONTRACT,
        transaction: VoyagesTransaction.readVoyageEvents,
        args: [imoNumber],
      });
      return { imoNumber, voyageEvents: JSON.parse(events) as VoyageEventRecord[] };
    } catch (error) {
      throw problemFromLedger(error);
    }
  }
}
