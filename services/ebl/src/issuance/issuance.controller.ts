import { Body, Controller, HttpCode, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse } from '@nestjs/swagger';
import { CalledBy, Counterpart, CounterpartGuard } from '../platform/counterpart.guard';
import { DcsaErrorFilter } from '../platform/dcsa-error.filter';
import { DCSA_ISSUANCE_REQUEST } from '../platform/ebl.openapi';
import { IssuanceService } from './issuance.service';

/** DCSA EBL_ISS 3.0, implemented by the eBL platform for carriers to call. */
@Controller('v3')
@UseFilters(DcsaErrorFilter)
export class IssuanceController {
  constructor(private readonly issuance: IssuanceService) {}

  /**
   * 204 once the request is recorded with its verdict; the verdict itself
   * (ISSU, BREQ, REFU) goes to the carrier's /v3/ebl-issuance-responses.
   */
  @Put('ebl-issuance-requests')
  @HttpCode(204)
  @UseGuards(CounterpartGuard)
  @CalledBy('carrier')
  @ApiBearerAuth()
  @ApiBody({ schema: DCSA_ISSUANCE_REQUEST, description: 'DCSA EBL_ISS 3.0 IssuanceRequest' })
  @ApiNoContentResponse({ description: 'Recorded; the verdict goes to the carrier' })
  async request(@Counterpart() carrierCode: string, @Body() body: unknown): Promise<void> {
    await this.issuance.receive(carrierCode, body);
  }
}
