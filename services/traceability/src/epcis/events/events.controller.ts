import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { ApiOptionalQueries } from '@pujiang/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_QUERY_PARAMETERS } from '../epcis.openapi';
import { AnchorProofView, AnchorProofs } from '../anchoring/anchor-proofs.service';
import { RawQuery } from './domain/event-query';
import { EventsService } from './events.service';
import { presentEvent, queryDocument } from './domain/query-document';
import { epcisAnswer } from '../bindings/epcis-answer';
import { TraceRole } from '../trace-roles';

/**
 * The EPCIS 2.0 REST query side: GET /events (SimpleEventQuery) and one event
 * by its eventID, each answering only with what the caller's organisation may
 * see (its own events and those granted to it).
 */
@Controller('events')
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.query)
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly proofs: AnchorProofs,
  ) {}

  @Get()
  @ApiOptionalQueries(EVENT_QUERY_PARAMETERS)
  @ApiOkResponse({ description: 'An EPCIS query document; Link names the next page' })
  async query(
    @Query() raw: RawQuery,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.events.query(raw, caller.organisation);
    void reply.header('GS1-EPCIS-Version', '2.0.0');
    if (page.nextPageToken !== undefined) {
      const next = new URL(request.url, 'http://placeholder');
      next.searchParams.set('nextPageToken', page.nextPageToken);
      void reply.header('Link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    return epcisAnswer(request, reply, page.document);
  }

  /** eventIDs are URIs: clients percent-encode them into the path. */
  @Get(':eventID')
  @ApiParam({ name: 'eventID', description: 'The event’s URI, percent-encoded' })
  @ApiOkResponse({
    description:
      'The event as captured; asked for as XML, an EPCIS 2.0 XML query document of that event',
  })
  async findOne(
    @Param('eventID') eventID: string,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown> | string> {
    const found = await this.events.findOneWithContext(eventID, caller.organisation);
    const answer = epcisAnswer(request, reply, queryDocument([found], new Date()));
    return typeof answer === 'string' ? answer : presentEvent(found);
  }

  @Get(':eventID/proof')
  @ApiParam({ name: 'eventID', description: 'The event’s URI, percent-encoded' })
  @ApiOkResponse({ description: 'The event’s Merkle inclusion proof and its ledger anchor' })
  async proof(
    @Param('eventID') eventID: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AnchorProofView> {
    return this.proofs.prove(await this.events.visibleHash(eventID, caller.organisation));
  }
}
