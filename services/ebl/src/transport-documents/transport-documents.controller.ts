import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseBoolPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiParam, ApiQuery } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { EblRecord } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { Idempotent } from '@pujiang/idempotency';
import { DataSource } from 'typeorm';
import { TRADER_ROLE, actingParty } from '../platform/acting-party';
import { EblPlatform } from '../platform/ebl-platform';
import { REFERENCE_PARAM } from '../platform/ebl.openapi';
import { ActionRequestDto } from './action-request.dto';
import { dcsaPartyDescriber } from './dcsa-party';
import { EndorsementChainLink, endorsementChain } from './domain/endorsement-chain';
import { TransportDocumentActions } from './transport-document-actions.service';
import { DocumentWithState, TransportDocumentStore, partiesOf } from './transport-document.store';
import {
  EBL_RECORD_ANSWER_SCHEMA,
  ENDORSEMENT_CHAIN_SCHEMA,
  TRANSPORT_DOCUMENT_LIST_SCHEMA,
  TRANSPORT_DOCUMENT_SCHEMA,
} from './ebl-record.openapi';

/**
 * A party's eBLs: what it holds or held, each document with its ledger
 * state, the actions it takes, and the endorsement chain. Nobody sees a
 * document they were never part of, except the carrier that issued it.
 */
@Controller()
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(TRADER_ROLE)
export class TransportDocumentsController {
  constructor(
    private readonly actions: TransportDocumentActions,
    private readonly store: TransportDocumentStore,
    private readonly platform: EblPlatform,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('transport-documents')
  @ApiQuery({ name: 'holdingNow', required: false, schema: { type: 'boolean' } })
  @ApiOkResponse({
    description: 'Documents the party holds or held',
    schema: TRANSPORT_DOCUMENT_LIST_SCHEMA,
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query('holdingNow', new ParseBoolPipe({ optional: true })) holdingNow = false,
  ): Promise<{
    transportDocuments: { transportDocumentReference: string; record: EblRecord | null }[];
  }> {
    const party = actingParty(this.platform, principal);
    const docs = await this.store.forParty(this.dataSource.manager, party.ledgerParty, holdingNow);
    return {
      transportDocuments: docs.map((d) => ({
        transportDocumentReference: d.transportDocumentReference,
        record: d.record,
      })),
    };
  }

  @Get('transport-documents/:reference')
  @ApiParam(REFERENCE_PARAM)
  @ApiOkResponse({
    description: 'The document and its ledger record',
    schema: TRANSPORT_DOCUMENT_SCHEMA,
  })
  async one(
    @CurrentPrincipal() principal: Principal,
    @Param('reference') reference: string,
  ): Promise<{
    transportDocument: Record<string, unknown>;
    documentChecksum: string;
    record: EblRecord | null;
  }> {
    const doc = await this.visible(principal, reference);
    return {
      transportDocument: doc.document,
      documentChecksum: doc.documentChecksum,
      record: doc.record,
    };
  }

  @Post('transport-documents/:reference/actions')
  @Idempotent()
  @HttpCode(200)
  @ApiParam(REFERENCE_PARAM)
  @ApiOkResponse({
    description: 'The ledger record after the action',
    schema: EBL_RECORD_ANSWER_SCHEMA,
  })
  async act(
    @CurrentPrincipal() principal: Principal,
    @Param('reference') reference: string,
    @Body() body: ActionRequestDto,
  ): Promise<{ record: EblRecord }> {
    const party = actingParty(this.platform, principal);
    return { record: await this.actions.perform(party, reference, body) };
  }

  /** DCSA endorsement chain of the document (the "back of the bill"). */
  @Get('endorsement-chains/:reference')
  @ApiParam(REFERENCE_PARAM)
  @ApiOkResponse({ description: 'The DCSA endorsement chain', schema: ENDORSEMENT_CHAIN_SCHEMA })
  async chain(
    @CurrentPrincipal() principal: Principal,
    @Param('reference') reference: string,
  ): Promise<{ transportDocumentReference: string; endorsementChain: EndorsementChainLink[] }> {
    const doc = await this.visible(principal, reference);
    if (doc.record === null) throw new ProblemException(404, 'no ledger record yet');
    return {
      transportDocumentReference: reference,
      endorsementChain: endorsementChain(doc.record, dcsaPartyDescriber(this.platform)),
    };
  }

  /** Same answer for "absent" and "not yours", so references cannot be probed. */
  private async visible(principal: Principal, reference: string): Promise<DocumentWithState> {
    const party = actingParty(this.platform, principal);
    const doc = await this.store.find(this.dataSource.manager, reference);
    const seen = doc?.record != null && partiesOf(doc.record).includes(party.ledgerParty);
    if (doc === undefined || !seen) {
      throw new ProblemException(404, `no transport document ${reference} for this party`);
    }
    return doc;
  }
}
