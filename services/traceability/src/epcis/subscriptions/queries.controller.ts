import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Options,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiQuery,
} from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RawQuery } from '../events/domain/event-query';
import { TraceRole } from '../trace-roles';
import { PER_PAGE_QUERY, QUERY_DEFINITION_SCHEMA, QUERY_NAME } from './subscriptions.openapi';
import { discoveryHeaders } from '../binding/domain/gs1-headers';
import { Gs1HeadersInterceptor } from '../binding/gs1-headers.interceptor';
import { QueryDefinition } from './domain/query-definition';
import { NamedQueriesService } from './named-queries.service';
import { EpcisAnswers } from '../document-formats/epcis-answers';
import { EPCIS_QUERY_DOCUMENT_SCHEMA } from '../epcis-responses.openapi';

/**
 * The binding's named queries: POST/GET /queries, GET/DELETE
 * /queries/{queryName} and GET /queries/{queryName}/events, each the
 * caller's party's own. WebSocket subscriptions on …/events are handled at
 * the handshake (websocket-streams.ts) and never reach this controller.
 */
@Controller('queries')
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.query)
@UseInterceptors(Gs1HeadersInterceptor)
export class QueriesController {
  constructor(
    private readonly queries: NamedQueriesService,
    private readonly answers: EpcisAnswers,
  ) {}

  @Options()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Allow and the EPCIS/CBV versions, as headers' })
  discoverAll(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.headers(discoveryHeaders(['OPTIONS', 'GET', 'POST']));
  }

  @Get()
  @ApiQuery(PER_PAGE_QUERY)
  @ApiQuery({ name: 'nextPageToken', required: false, type: String })
  @ApiOkResponse({
    description: 'The caller’s named queries; Link names the next page',
    schema: { type: 'array', items: QUERY_DEFINITION_SCHEMA },
  })
  async list(
    @Query('perPage') perPage: string | undefined,
    @Query('nextPageToken') nextPageToken: string | undefined,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QueryDefinition[]> {
    const listing = await this.queries.list(caller, perPage, nextPageToken);
    if (listing.nextPageToken !== undefined) {
      const next = new URLSearchParams({ nextPageToken: listing.nextPageToken });
      if (perPage !== undefined) next.set('perPage', perPage);
      void reply.header('Link', `</queries?${next.toString()}>; rel="next"`);
    }
    return listing.queries;
  }

  @Post()
  @ApiBody({ schema: QUERY_DEFINITION_SCHEMA })
  @ApiCreatedResponse({ description: 'Created; Location names the query' })
  async create(
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const definition = await this.queries.create(caller, body);
    void reply
      .status(HttpStatus.CREATED)
      .headers({ Location: `/queries/${encodeURIComponent(definition.name)}` });
  }

  @Options(':queryName')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(QUERY_NAME)
  @ApiNoContentResponse({ description: 'Allow and the EPCIS/CBV versions, as headers' })
  async discoverOne(
    @Param('queryName') name: string,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.queries.get(caller, name);
    void reply.headers(discoveryHeaders(['OPTIONS', 'GET', 'DELETE']));
  }

  @Get(':queryName')
  @ApiParam(QUERY_NAME)
  @ApiOkResponse({ description: 'The query’s definition', schema: QUERY_DEFINITION_SCHEMA })
  async get(
    @Param('queryName') name: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<QueryDefinition> {
    const query = await this.queries.get(caller, name);
    return { name: query.name, query: query.query };
  }

  @Delete(':queryName')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(QUERY_NAME)
  @ApiNoContentResponse({ description: 'Deleted, with its subscriptions' })
  async delete(
    @Param('queryName') name: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<void> {
    await this.queries.delete(caller, name);
  }

  @Options(':queryName/events')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam(QUERY_NAME)
  @ApiNoContentResponse({ description: 'Allow and the EPCIS/CBV versions, as headers' })
  async discoverEvents(
    @Param('queryName') name: string,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.queries.get(caller, name);
    void reply.headers(discoveryHeaders(['OPTIONS', 'GET']));
  }

  @Get(':queryName/events')
  @ApiParam(QUERY_NAME)
  @ApiQuery(PER_PAGE_QUERY)
  @ApiQuery({ name: 'nextPageToken', required: false, type: String })
  @ApiOkResponse({
    description: 'An EPCIS query document; Link names the next page',
    schema: EPCIS_QUERY_DOCUMENT_SCHEMA,
  })
  async run(
    @Param('queryName') name: string,
    @Query() raw: RawQuery,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.queries.run(caller, name, raw);
    if (page.nextPageToken !== undefined) {
      const next = new URL(request.url, 'http://placeholder');
      next.searchParams.set('nextPageToken', page.nextPageToken);
      void reply.header('Link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    const { document } = page;
    return this.answers.answer(request, reply, {
      ...document,
      epcisBody: { queryResults: { ...document.epcisBody.queryResults, queryName: name } },
    });
  }
}
