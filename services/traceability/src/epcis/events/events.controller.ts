import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AnchorProofView, AnchorProofs } from '../anchoring/anchor-proofs.service';
import { RawQuery } from './domain/event-query';
import { EventsService } from './events.service';

/** The EPCIS 2.0 REST query side: GET /events (SimpleEventQuery) and one event by its eventID. */
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly proofs: AnchorProofs,
  ) {}

  @Get()
  async query(
    @Query() raw: RawQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.events.query(raw);
    void reply.header('GS1-EPCIS-Version', '2.0.0');
    if (page.nextPageToken !== undefined) {
      const next = new URL(request.url, 'http://placeholder');
      next.searchParams.set('nextPageToken', page.nextPageToken);
      void reply.header('Link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    return page.document;
  }

  /** eventIDs are URIs: clients percent-encode them into the path. */
  @Get(':eventID')
  findOne(@Param('eventID') eventID: string): Promise<Record<string, unknown>> {
    return this.events.findOne(eventID);
  }

  @Get(':eventID/proof')
  proof(@Param('eventID') eventID: string): Promise<AnchorProofView> {
    return this.proofs.prove(eventID);
  }
}
