import {
  Body,
  Controller,
  Get,
  Headers,
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
import { ApiOptionalQueries, ProblemException } from '@pujiang/http';
import { FastifyReply, FastifyRequest } from 'fastify';
import { discoveryHeaders } from '../binding/domain/gs1-headers';
import { Gs1HeadersInterceptor } from '../binding/gs1-headers.interceptor';
import { nextPageLink } from '../binding/next-page-link';
import { CaptureJobView } from './capture-job.view';
import { CaptureJobs } from './capture-jobs';
import { CaptureService, VALIDATION_PROBLEM } from './capture.service';
import { CAPTURE_LIMITS, parseErrorBehaviour } from './domain/capture-job';
import { EPCIS_DOCUMENT_SCHEMA, EPCIS_EVENT_SCHEMA, LISTING_PARAMETERS } from '../epcis.openapi';
import { TraceRole } from '../trace-roles';
import { XML_MEDIA_TYPES } from '../document-formats/xml-bodies';
import { CAPTURE_JOB_SCHEMA } from './capture-job.openapi';
import { EVENT_STORED_SCHEMA } from '../epcis-responses.openapi';

const EPCIS_MEDIA_TYPES = ['application/json', 'application/ld+json'];

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The EPCIS 2.0 REST capture interface: POST /capture (documents) and POST
 * /events (one event). The token's organisation and party are the events'
 * author, whatever the body says.
 */
@Controller()
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.capture)
@UseInterceptors(Gs1HeadersInterceptor)
export class CaptureController {
  constructor(
    private readonly capture: CaptureService,
    private readonly jobs: CaptureJobs,
  ) {}

  @Options('capture')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: 'Capture limits and supported error behaviours, as headers',
  })
  discover(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.headers({
      ...discoveryHeaders(['OPTIONS', 'POST', 'GET']),
      'GS1-EPCIS-Capture-Limit': String(CAPTURE_LIMITS.maxEvents),
      'GS1-EPCIS-Capture-File-Size-Limit': String(CAPTURE_LIMITS.maxBytes),
      'GS1-Capture-Error-Behaviour': 'rollback, proceed',
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
  @ApiAcceptedResponse({
    description: 'The finished capture job; Location names it',
    schema: CAPTURE_JOB_SCHEMA,
  })
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
    void reply.header('Location', `/capture/${job.captureID}`);
    return job;
  }

  @Get('capture')
  @ApiOptionalQueries(LISTING_PARAMETERS)
  @ApiOkResponse({
    description: 'The organisation’s capture jobs, newest first',
    schema: { type: 'array', items: CAPTURE_JOB_SCHEMA },
  })
  async list(
    @Query() raw: Record<string, string | string[] | undefined>,
    @CurrentPrincipal() caller: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaptureJobView[]> {
    const page = await this.jobs.list(raw, caller.organisation);
    if (page.nextPageToken !== undefined) {
      void reply.header('Link', nextPageLink(request.url, page.nextPageToken));
    }
    return page.jobs;
  }

  @Options('capture/:captureID')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'captureID' })
  @ApiNoContentResponse({ description: 'Allow and the GS1 version headers' })
  async discoverJob(
    @Param('captureID') captureID: string,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.job(captureID, caller);
    void reply.headers(discoveryHeaders(['OPTIONS', 'GET']));
  }

  /** Capture IDs are UUIDs; any other ID names no job (404, as the binding has it). */
  @Get('capture/:captureID')
  @ApiParam({ name: 'captureID' })
  @ApiOkResponse({ description: 'The capture job', schema: CAPTURE_JOB_SCHEMA })
  job(
    @Param('captureID') captureID: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CaptureJobView> {
    if (!UUID_V4.test(captureID)) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        `No capture job ${captureID}`,
        'epcisException:NoSuchResourceException',
      );
    }
    return this.capture.findJob(captureID, caller.organisation);
  }

  /** 201 with the event's location; the same event again answers 200 with the same location. */
  @Post('events')
  @ApiConsumes(...EPCIS_MEDIA_TYPES)
  @ApiBody({ schema: EPCIS_EVENT_SCHEMA, description: 'One EPCIS 2.0 event' })
  @ApiCreatedResponse({
    description: 'Stored; Location names the event',
    schema: EVENT_STORED_SCHEMA,
  })
  @ApiOkResponse({
    description: 'The same event was stored before; nothing changed',
    schema: EVENT_STORED_SCHEMA,
  })
  async captureEvent(
    @Body() event: unknown,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ eventID: string }> {
    const { eventID, created } = await this.capture.captureEvent(event, authorOf(caller));
    void reply
      .status(created ? HttpStatus.CREATED : HttpStatus.OK)
      .header('Location', `/events/${encodeURIComponent(eventID)}`);
    return { eventID };
  }
}

const authorOf = (caller: Principal) => ({
  organisation: caller.organisation,
  party: caller.party,
});
