import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse } from '@nestjs/swagger';
import { Idempotent } from '@pujiang/idempotency';
import { counterpartCaller } from '../platform/counterpart-caller';
import { CalledBy, Counterpart, CounterpartGuard } from '../platform/counterpart.guard';
import { DcsaErrorFilter } from '../platform/dcsa-error.filter';
import { SurrenderAnswerDto } from './surrender-answer.dto';
import { SurrenderAnswers } from './surrender-answers.service';

/** DCSA EBL_SUR 3.0: the carrier's verdict on a surrender request. */
@Controller('v3')
@UseFilters(DcsaErrorFilter)
export class SurrenderResponsesController {
  constructor(private readonly answers: SurrenderAnswers) {}

  @Post('ebl-surrender-responses')
  @Idempotent(counterpartCaller)
  @HttpCode(204)
  @UseGuards(CounterpartGuard)
  @CalledBy('carrier')
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The verdict is recorded' })
  async answer(
    @Counterpart() carrierCode: string,
    @Body() body: SurrenderAnswerDto,
  ): Promise<void> {
    await this.answers.record(carrierCode, body);
  }
}
