import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Options,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
} from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { FastifyReply } from 'fastify';
import { CaptureJobView } from './capture-job.view';
import { CaptureService, VALIDATION_PROBLEM } from './capture.service';
import { CAPTURE_LIMITS, parseErrorBehaviour } from './domain/capture-job';
import { EPCIS_DOCUMENT_SCHEMA, EPCIS_EVENT_SCHEMA } from '../epcis.openapi';
import { TraceRole } from '../trace-roles';
import { XML_MEDIA_TYPES } from '../bindings/xml-bodies';

const EPCIS_MEDIA_TYPES = ['application/json', 'application/ld+json'];

const VERSION_HEADERS = { 'GS1-EPCIS-Version': '2.0.0', 'GS1-CBV-Version': '2.0.0' };

/**
 * The EPCIS 2.0 REST capture interface: POST /capture (documents) and POST
 * /events (one event). The token's organisation and party are the events'
 * author, whatever the body says.
 */
@Controller()
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.capture)
export class CaptureController {
  constructor(private readonly capture: CaptureService) {}

  @Options('capture')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: 'Capture limits and supported error behaviours, as headers',
  })
  discover(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.headers({
      ...VERSION_HEADERS,
      'GS1-EPCIS-Capture-Limit': String(CAPTURE_LIMITS.maxEvents),
      'GS1-EPCIS-Capture-File-Size-Limit': String(CAPTURE_LIMITS.maxBytes),
      'GS1-Capture-Error-Behaviour': 'rollback, proceed',
      Allow: 'OPTIONS, POST',
    });
  }

  @Post('capture')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiConsumes(...EPCIS_MEDIA_TYPES, ...XML_MEDIA_TYPES)
  @ApiBody({
    schema: EPCIS_DOCUMENT_SCHEMA,
    description:
      'An EPCIS 2.0 document: JSON-LD (standard or GS1 simple context), or EPCIS 2.0 / 1.2 XML',
  })
  @ApiHeader({
    name: 'GS1-Capture-Error-Behaviour',
    required: false,
    schema: { type: 'string', enum: ['rollback', 'proceed'] },
  })
  @ApiAcceptedResponse({ description: 'The finished capture job; Location names it' })
  async captureDocument(
    @Body() document: unknown,
    @Headers('gs1-capture-error-behaviour') errorBehaviour: string | undefined,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaptureJobView> {
    const behaviour = parseErrorBehaviour(errorBehaviour);
    if (behaviour === undefined) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'GS1-Capture-Error-Behaviour must be rollback or proceed',
        VALIDATION_PROBLEM,
      );
    }
    const job = await this.capture.captureDocument(document, behaviour, authorOf(caller));
    void reply.headers({ ...VERSION_HEADERS, Location: `/capture/${job.captureID}` });
    return job;
  }

  @Get('capture/:captureID')
  @ApiParam({
    name: 'captureID',
    schema: {
      type: 'string',
      pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
    },
  })
  @ApiOkResponse({ description: 'The capture job' })
  job(
    @Param('captureID', new ParseUUIDPipe({ version: '4' })) captureID: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CaptureJobView> {
    return this.capture.findJob(captureID, caller.organisation);
  }

  /** 201 with the event's location; the same event again answers 200 with the same location. */
  @Post('events')
  @ApiConsumes(...EPCIS_MEDIA_TYPES)
  @ApiBody({ schema: EPCIS_EVENT_SCHEMA, description: 'One EPCIS 2.0 event' })
  @ApiCreatedResponse({ description: 'Stored; Location names the event' })
  @ApiOkResponse({ description: 'The same event was stored before; nothing changed' })
  async captureEvent(
    @Body() event: unknown,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ eventID: string }> {
    const { eventID, created } = await this.capture.captureEvent(event, authorOf(caller));
    void reply
      .status(created ? HttpStatus.CREATED : HttpStatus.OK)
      .headers({ ...VERSION_HEADERS, Location: `/events/${encodeURIComponent(eventID)}` });
    return { eventID };
  }
}

const authorOf = (caller: Principal) => ({
  organisation: caller.organisation,
  party: caller.party,
});
