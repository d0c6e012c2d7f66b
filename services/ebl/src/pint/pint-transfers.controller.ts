import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiParam } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { EblRecord } from '@pujiang/contracts';
import { Idempotent } from '@pujiang/idempotency';
import { TRADER_ROLE, actingParty } from '../platform/acting-party';
import { EblPlatform } from '../platform/ebl-platform';
import { REFERENCE_PARAM } from '../platform/ebl.openapi';
import {
  EBL_RECORD_ANSWER_SCHEMA,
  EBL_RECORD_SCHEMA,
} from '../transport-documents/ebl-record.openapi';
import { PintSender } from './pint-sender.service';
import { PintTransferDto } from './pint-transfer.dto';

/**
 * The holder sends its eBL to another platform. 202: the document is locked
 * here (EXPORT_PENDING) and the envelope is on its way; control passes only
 * when the receiving platform answers RECE, otherwise it comes back.
 */
@Controller('transport-documents')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(TRADER_ROLE)
export class PintTransfersController {
  constructor(
    private readonly sender: PintSender,
    private readonly platform: EblPlatform,
  ) {}

  @Post(':reference/pint-transfers')
  @Idempotent()
  @HttpCode(202)
  @ApiParam(REFERENCE_PARAM)
  @ApiAcceptedResponse({
    description: 'Locked here; the envelope is on its way',
    schema: EBL_RECORD_ANSWER_SCHEMA,
  })
  async transfer(
    @CurrentPrincipal() principal: Principal,
    @Param('reference') reference: string,
    @Body() body: PintTransferDto,
  ): Promise<{ record: EblRecord }> {
    const party = actingParty(this.platform, principal);
    return { record: await this.sender.start(party, reference, body) };
  }

  /** Send the envelope of a transfer still waiting for the receiver's answer again, now. */
  @Post(':reference/pint-transfers/retry')
  @HttpCode(202)
  @ApiParam(REFERENCE_PARAM)
  @ApiAcceptedResponse({
    description: 'The same envelope is on its way again',
    schema: {
      type: 'object',
      required: ['record', 'attempts'],
      properties: {
        record: EBL_RECORD_SCHEMA,
        attempts: { type: 'integer' },
      },
    },
  })
  async retry(
    @CurrentPrincipal() principal: Principal,
    @Param('reference') reference: string,
  ): Promise<{ record: EblRecord; attempts: number }> {
    return this.sender.retryNow(actingParty(this.platform, principal), reference);
  }
}
