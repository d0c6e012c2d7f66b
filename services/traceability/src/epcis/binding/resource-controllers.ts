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
  Type,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { ApiOptionalQueries, ProblemException } from '@pujiang/http';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_QUERY_PARAMETERS, LISTING_PARAMETERS } from '../epcis.openapi';
import { RawQuery } from '../events/domain/event-query';
import { EventsService } from '../events/events.service';
import { EpcisAnswers } from '../document-formats/epcis-answers';
import { TraceRole } from '../trace-roles';
import { discoveryHeaders } from './domain/gs1-headers';
import { VOCABULARY_RESOURCES, VocabularyResource, collection } from './domain/top-level-resources';
import { Gs1HeadersInterceptor } from './gs1-headers.interceptor';
import { nextPageLink } from './next-page-link';
import { VocabularyListing } from './vocabulary-listing';
import { COLLECTION_SCHEMA, EPCIS_QUERY_DOCUMENT_SCHEMA } from '../epcis-responses.openapi';

/** OPTIONS answers who may call the binding at all: discovery shows no data. */
export const DISCOVERY_ROLES = [TraceRole.capture, TraceRole.query];

/**
 * The controller of one top-level vocabulary resource of the REST binding, e.g. /bizSteps:
 * GET lists the values seen in the caller's visible events, GET /{bizStep} its sub-resources,
 * GET /{bizStep}/events the events with it (GET /events with EQ_bizStep fixed), and OPTIONS on
 * each. Same token, role and visibility rules as GET /events.
 */
function vocabularyController(resource: VocabularyResource): Type<unknown> {
  const element = `:${resource.element}`;

  @ApiTags('Top-level')
  @Controller(resource.path)
  @UseGuards(BearerAuthGuard)
  @RequireRoles(TraceRole.query)
  @UseInterceptors(Gs1HeadersInterceptor)
  class VocabularyController {
    constructor(
      readonly listing: VocabularyListing,
      readonly events: EventsService,
      readonly answers: EpcisAnswers,
    ) {}

    @Options()
    @RequireRoles(...DISCOVERY_ROLES)
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiNoContentResponse({ description: 'Allow and the GS1 version headers' })
    discoverList(@Res({ passthrough: true }) reply: FastifyReply): void {
      void reply.headers(discoveryHeaders(['OPTIONS', 'GET']));
    }

    @Get()
    @ApiOptionalQueries(LISTING_PARAMETERS)
    @ApiOkResponse({
      description: `The ${resource.path} in events the caller may see`,
      schema: COLLECTION_SCHEMA,
    })
    async list(
      @Query() raw: RawQuery,
      @CurrentPrincipal() caller: Principal,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      const page = await this.listing.list(resource, raw, caller.organisation);
      if (page.nextPageToken !== undefined) {
        void reply.header('Link', nextPageLink(request.url, page.nextPageToken));
      }
      return collection(page.member, EPCIS_CONTEXT);
    }

    /** The value and its events answer OPTIONS alike: both exist only if the value is known. */
    @Options([element, `${element}/events`])
    @RequireRoles(...DISCOVERY_ROLES)
    @HttpCode(HttpStatus.NO_CONTENT)
    @ApiParam({ name: resource.element, description: 'Percent-encoded' })
    @ApiNoContentResponse({ description: 'Allow and the GS1 version headers' })
    async discoverOne(
      @Param(resource.element) value: string,
      @CurrentPrincipal() caller: Principal,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<void> {
      await this.known(value, caller);
      void reply.headers(discoveryHeaders(['OPTIONS', 'GET']));
    }

    @Get(element)
    @ApiParam({ name: resource.element, description: 'Percent-encoded' })
    @ApiOptionalQueries(LISTING_PARAMETERS)
    @ApiOkResponse({ description: 'Its sub-resources: events', schema: COLLECTION_SCHEMA })
    async one(
      @Param(resource.element) value: string,
      @Query() raw: RawQuery,
      @CurrentPrincipal() caller: Principal,
    ) {
      const member = this.listing.subResources(raw);
      await this.known(value, caller);
      return collection(member, EPCIS_CONTEXT);
    }

    @Get(`${element}/events`)
    @ApiParam({ name: resource.element, description: 'Percent-encoded' })
    @ApiOptionalQueries(
      EVENT_QUERY_PARAMETERS.filter((parameter) => parameter.name !== resource.parameter),
    )
    @ApiOkResponse({
      description: 'An EPCIS query document; Link names the next page',
      schema: EPCIS_QUERY_DOCUMENT_SCHEMA,
    })
    async eventsWith(
      @Param(resource.element) value: string,
      @Query() raw: RawQuery,
      @CurrentPrincipal() caller: Principal,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      await this.known(value, caller);
      const page = await this.events.query(raw, caller.organisation, {
        [resource.parameter]: value,
      });
      if (page.nextPageToken !== undefined) {
        void reply.header('Link', nextPageLink(request.url, page.nextPageToken));
      }
      return this.answers.answer(request, reply, page.document);
    }

    /** One value the caller's events hold; one only others' events hold is as unknown. */
    private async known(value: string, caller: Principal): Promise<void> {
      if (value.includes('|') || !(await this.listing.has(resource, value, caller.organisation))) {
        throw new ProblemException(
          HttpStatus.NOT_FOUND,
          `No ${resource.element} ${value} in the events you may see`,
          'epcisException:NoSuchResourceException',
        );
      }
    }
  }
  Object.defineProperty(VocabularyController, 'name', {
    value: `${resource.path[0].toUpperCase()}${resource.path.slice(1)}Controller`,
  });
  return VocabularyController;
}

/** /eventTypes, /epcs, /bizSteps, /bizLocations, /readPoints, /dispositions. */
export const VOCABULARY_CONTROLLERS = VOCABULARY_RESOURCES.map(vocabularyController);
