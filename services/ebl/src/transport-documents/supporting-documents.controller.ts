import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { Idempotent } from '@pujiang/idempotency';
import { TRADER_ROLE, actingParty } from '../platform/acting-party';
import { EblPlatform } from '../platform/ebl-platform';
import { REFERENCE_PARAM } from '../platform/ebl.openapi';
import type { HeldAdditionalDocument } from './additional-document.store';
import { SupportingDocumentDto } from './supporting-document.dto';
import { SupportingDocuments } from './supporting-documents.service';

const DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['kind', 'name', 'size', 'mediaType', 'documentChecksum'],
  properties: {
    kind: { type: 'string', enum: ['VISUALISATION', 'SUPPORTING'] },
    name: { type: 'string' },
    size: { type: 'integer' },
    mediaType: { type: 'string' },
    documentChecksum: { type: 'string' },
  },
};

/**
 * The holder's additional documents of its eBL: supporting documents it attaches, and the
 * carrier's visualisation; all of them travel with the eBL when it is sent over PINT.
 */
@Controller('transport-documents/:reference/supporting-documents')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(TRADER_ROLE)
export class SupportingDocumentsController {
  constructor(
    private readonly documents: SupportingDocuments,
    private readonly platform: EblPlatform,
  ) {}

  @Post()
  @Idempotent()
  @HttpCode(201)
  @ApiParam(REFERENCE_PARAM)
  @ApiCreatedResponse({ description: 'Attached to the eBL', schema: DOCUMENT_SCHEMA })
  attach(
    @CurrentPrincipal() principal: Principal,
    @Param('reference') reference: string,
    @Body() body: SupportingDocumentDto,
  ): Promise<HeldAdditionalDocument> {
    return this.documents.attach(actingParty(this.platform, principal), reference, body);
  }

  @Get()
  @ApiParam(REFERENCE_PARAM)
  @ApiOkResponse({
    description: 'The documents the eBL travels with',
    schema: {
      type: 'object',
      properties: { documents: { type: 'array', items: DOCUMENT_SCHEMA } },
    },
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('reference') reference: string,
  ): Promise<{ documents: HeldAdditionalDocument[] }> {
    return {
      documents: await this.documents.list(actingParty(this.platform, principal), reference),
    };
  }
}
