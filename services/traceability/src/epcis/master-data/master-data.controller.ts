import { Body, Controller, Get, HttpStatus, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { canonicalIdentifier } from '@pujiang/epcis';
import { TraceRole } from '../trace-roles';
import { MasterDataElement } from './domain/master-data';
import { MasterDataService } from './master-data.service';
import { MasterDataStore } from './master-data.store';
import { MASTER_DATA_ELEMENT_SCHEMA, MASTER_DATA_WRITTEN_SCHEMA } from '../epcis-responses.openapi';

const VOCABULARY_LIST_SCHEMA = {
  type: 'object',
  required: ['vocabularyList'],
  properties: {
    vocabularyList: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: {
          type: { type: 'string', example: 'urn:epcglobal:epcis:vtype:BusinessLocation' },
          vocabularyElementList: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id'],
              properties: {
                id: { type: 'string' },
                attributes: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id'],
                    properties: { id: { type: 'string' }, attribute: {} },
                  },
                },
                children: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
};

/**
 * Master data written outside a document: the body is what a document's
 * `epcisHeader.epcisMasterData` holds. Whoever may capture may describe the
 * keys of its own company prefixes; anyone who may query may read it.
 */
@Controller('masterData')
@UseGuards(BearerAuthGuard)
export class MasterDataController {
  constructor(
    private readonly masterData: MasterDataService,
    private readonly store: MasterDataStore,
  ) {}

  @Post()
  @RequireRoles(TraceRole.capture)
  @ApiConsumes('application/json', 'application/ld+json')
  @ApiBody({ schema: VOCABULARY_LIST_SCHEMA })
  @ApiCreatedResponse({
    description: 'How many elements were written',
    schema: MASTER_DATA_WRITTEN_SCHEMA,
  })
  capture(
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
  ): Promise<{ elementCount: number }> {
    return this.masterData.capture(body, caller);
  }

  @Get()
  @RequireRoles(TraceRole.query)
  @ApiQuery({ name: 'id', description: 'An element’s URI (EPC URN or Digital Link)' })
  @ApiOkResponse({ description: 'The element as last written', schema: MASTER_DATA_ELEMENT_SCHEMA })
  async element(@Query('id') id: unknown): Promise<MasterDataElement> {
    if (typeof id !== 'string' || id.trim() === '' || id.length > 2048) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'Give one id, the element’s URI',
        'about:blank',
        [{ pointer: '/id', detail: 'must be one URI of at most 2048 characters' }],
      );
    }
    const canonical = canonicalIdentifier(id);
    const element = (await this.store.read([canonical])).get(canonical);
    if (element === undefined) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `No master data describes ${canonical}`);
    }
    return element;
  }
}
