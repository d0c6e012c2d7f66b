import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EblAction, EblRecord } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { CalledBy, Counterpart, CounterpartGuard } from '../platform/counterpart.guard';
import { EblPlatform } from '../platform/ebl-platform';
import { EblLedger } from '../transport-documents/ebl-ledger';
import { problemFromLedger } from '../transport-documents/ledger-problems';
import { TransportDocumentStore } from '../transport-documents/transport-document.store';

export class VoidRequestDto {
  /** The amended document's reference, to be issued next; links the two on the ledger. */
  @IsOptional()
  @Matches(/^\S{1,20}$/)
  replacedBy?: string;
}

/**
 * After a surrender for amendment the carrier voids the original; its
 * re-issue under `replacedBy` is then linked to it both ways. DCSA has no
 * endpoint for this step, so it sits beside the DCSA carrier endpoints.
 */
@Controller('carrier/transport-documents')
export class VoidController {
  constructor(
    private readonly ledger: EblLedger,
    private readonly store: TransportDocumentStore,
    private readonly platform: EblPlatform,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post(':reference/void')
  @HttpCode(200)
  @UseGuards(CounterpartGuard)
  @CalledBy('carrier')
  async void(
    @Counterpart() carrierCode: string,
    @Param('reference') reference: string,
    @Body() body: VoidRequestDto,
  ): Promise<{ record: EblRecord }> {
    const doc = await this.store.find(this.dataSource.manager, reference);
    const carrier = this.platform.carrier(carrierCode);
    if (doc === undefined || carrier === undefined || doc.issuingCarrier !== carrierCode) {
      throw new ProblemException(404, `no transport document ${reference} issued by this carrier`);
    }
    try {
      const change = await this.ledger.act(
        carrier.party,
        reference,
        EblAction.void,
        '',
        body.replacedBy ?? '',
      );
      await this.store.applyRecord(this.dataSource.manager, change.record);
      return { record: change.record };
    } catch (error) {
      throw problemFromLedger(error);
    }
  }
}
