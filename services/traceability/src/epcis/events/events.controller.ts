import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Options,
  Param,
  Query,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { ApiOptionalQueries } from '@pujiang/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_QUERY_PARAMETERS } from '../epcis.openapi';
import { AnchorProofView, AnchorProofs } from '../anchoring/anchor-proofs.service';
import { RawQuery } from './domain/event-query';
import { EventsService } from './events.service';
import { queryDocument } from './domain/query-document';
import { EpcisAnswers } from '../document-formats/epcis-answers';
import { TraceRole } from '../trace-roles';
import { discoveryHeaders } from '../binding/domain/gs1-headers';
import { Gs1HeadersInterceptor } from '../binding/gs1-headers.interceptor';
import { nextPageLink } from '../binding/next-page-link';
import { DISCOVERY_ROLES } from '../binding/resource-controllers';
import { ANCHOR_PROOF_SCHEMA } from '../anchoring/anchor-proof.openapi';
import { EPCIS_QUERY_DOCUMENT_SCHEMA } from '../epcis-responses.openapi';

/**
 * The EPCIS 2.0 REST query side: GET /events (SimpleEventQuery) and one event
 * by its eventID, each answering only with what the caller's organisation may
 * see (its own events and those granted to it).
 */
@Controller('events')
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.query)
@UseInterceptors(Gs1HeadersInterceptor)
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly proofs: AnchorProofs,
    private readonly answers: EpcisAnswers,
  ) {}

  /** POST /events (capture) is the capture controller's; the resource is one. */
  @Options()
  @RequireRoles(...DISCOVERY_ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Allow and the GS1 version headers' })
  discover(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.headers(discoveryHeaders(['OPTIONS', 'GET', 'POST']));
  }

  @Options(':eventID')
  @RequireRoles(...DISCOVERY_ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'eventID', description: 'The event’s URI, percent-encoded' })
  @ApiNoContentResponse({ description: 'Allow and the GS1 version headers' })
  async discoverEvent(
    @Param('eventID') eventID: string,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    // An event the caller may not see is as unknown here as on GET.
    await this.events.visibleHash(eventID, caller.organisation);
    void reply.headers(discoveryHeaders(['OPTIONS', 'GET']));
  }

  @Get()
  @ApiOptionalQueries(EVENT_QUERY_PARAMETERS)
  @ApiOkResponse({
    description: 'An EPCIS query document; Link names the next page',
    schema: EPCIS_QUERY_DOCUMENT_SCHEMA,
  })
  async query(
    @Query() raw: RawQuery,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.events.query(raw, caller.organisation);
    if (page.nextPageToken !== undefined) {
      void reply.header('Link', nextPageLink(request.url, page.nextPageToken));
    }
    return this.answers.answer(request, reply, page.document);
  }

  /** eventIDs are URIs: clients percent-encode them into the path. */
  @Get(':eventID')
  @ApiParam({ name: 'eventID', description: 'The event’s URI, percent-encoded' })
  @ApiOkResponse({
    description:
      'An EPCIS query document holding the event as captured: JSON-LD, or EPCIS 2.0 XML when asked for',
    schema: EPCIS_QUERY_DOCUMENT_SCHEMA,
  })
  async findOne(
    @Param('eventID') eventID: string,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const found = await this.events.findOne(eventID, caller.organisation);
    return this.answers.answer(request, reply, queryDocument([found], new Date()));
  }

  @Get(':eventID/proof')
  @ApiParam({ name: 'eventID', description: 'The event’s URI, percent-encoded' })
  @ApiOkResponse({
    description: 'The event’s Merkle inclusion proof and its ledger anchor',
    schema: ANCHOR_PROOF_SCHEMA,
  })
  async proof(
    @Param('eventID') eventID: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AnchorProofView> {
    return this.proofs.prove(await this.events.visibleHash(eventID, caller.organisation));
  }
}
