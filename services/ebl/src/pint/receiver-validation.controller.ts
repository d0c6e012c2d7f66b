import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { TRADER_ROLE, actingParty } from '../platform/acting-party';
import { EblPlatform } from '../platform/ebl-platform';
import { ReceiverValidationDto } from './pint-transfer.dto';
import { ReceiverValidation } from './receiver-validation.service';

/**
 * A holder asks, before sending an eBL over PINT, whether the receiving platform knows the
 * party it means to send to, and by what name. Nothing changes on either platform.
 */
@Controller('pint-receiver-validations')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(TRADER_ROLE)
export class ReceiverValidationController {
  constructor(
    private readonly validation: ReceiverValidation,
    private readonly platform: EblPlatform,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The receiving platform knows the party, by this name',
    schema: {
      type: 'object',
      required: ['receivingPlatform', 'partyName'],
      properties: { receivingPlatform: { type: 'string' }, partyName: { type: 'string' } },
    },
  })
  async validate(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ReceiverValidationDto,
  ): Promise<{ receivingPlatform: string; partyName: string }> {
    // Asked on behalf of one of this platform's parties only: PJA speaks for its own.
    actingParty(this.platform, principal);
    return {
      receivingPlatform: body.receivingPlatform,
      partyName: await this.validation.partyName(body.receivingPlatform, body.identifyingCode),
    };
  }
}
