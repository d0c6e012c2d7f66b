import { problemFromLedger } from '@pujiang/ledger-client';
import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { EblAction, EblRecord } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { Idempotent } from '@pujiang/idempotency';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { counterpartCaller } from '../platform/counterpart-caller';
import { CalledBy, Counterpart, CounterpartGuard } from '../platform/counterpart.guard';
import { EblPlatform } from '../platform/ebl-platform';
import { REFERENCE_PARAM } from '../platform/ebl.openapi';
import {
  EBL_RECORD_ANSWER_SCHEMA,
  ISSUED_DOCUMENT_SCHEMA,
} from '../transport-documents/ebl-record.openapi';
import { EblLedger } from '../transport-documents/ebl-ledger';
import {
  DocumentWithState,
  TransportDocumentStore,
} from '../transport-documents/transport-document.store';

export class VoidRequestDto {
  /** The amended document's reference, to be issued next; links the two on the ledger. */
  @IsOptional()
  @Matches(/^\S{1,20}$/)
  replacedBy?: string;
}

/**
 * What an issuing carrier does with its own documents beyond DCSA's APIs: it
 * sees them (status, chain) wherever they are, and after a surrender for
 * amendment it voids the original; the re-issue under `replacedBy` is then
 * linked to it both ways.
 */
@Controller('carrier/transport-documents')
@ApiBearerAuth()
export class CarrierDocumentsController {
  constructor(
    private readonly ledger: EblLedger,
    private readonly store: TransportDocumentStore,
    private readonly platform: EblPlatform,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get(':reference')
  @UseGuards(CounterpartGuard)
  @CalledBy('carrier')
  @ApiParam(REFERENCE_PARAM)
  @ApiOkResponse({
    description: 'The document as issued and its ledger record',
    schema: ISSUED_DOCUMENT_SCHEMA,
  })
  async view(
    @Counterpart() carrierCode: string,
    @Param('reference') reference: string,
  ): Promise<{ transportDocument: Record<string, unknown>; record: EblRecord | null }> {
    const doc = await this.issuedBy(carrierCode, reference);
    return { transportDocument: doc.document, record: doc.record };
  }

  @Post(':reference/void')
  @Idempotent(counterpartCaller)
  @HttpCode(200)
  @UseGuards(CounterpartGuard)
  @CalledBy('carrier')
  @ApiParam(REFERENCE_PARAM)
  @ApiOkResponse({ description: 'The ledger record, VOID', schema: EBL_RECORD_ANSWER_SCHEMA })
  async void(
    @Counterpart() carrierCode: string,
    @Param('reference') reference: string,
    @Body() body: VoidRequestDto,
  ): Promise<{ record: EblRecord }> {
    await this.issuedBy(carrierCode, reference);
    const carrier = this.platform.carrier(carrierCode);
    if (carrier === undefined) throw new ProblemException(403, 'carrier not registered');
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

  /** Same answer for "absent" and "not yours", so references cannot be probed. */
  private async issuedBy(carrierCode: string, reference: string): Promise<DocumentWithState> {
    const doc = await this.store.find(this.dataSource.manager, reference);
    if (doc === undefined || doc.issuingCarrier !== carrierCode) {
      throw new ProblemException(404, `no transport document ${reference} issued by this carrier`);
    }
    return doc;
  }
}
