import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Options,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { BearerAuthGuard, RequireRoles } from '@pujiang/auth';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { FastifyReply } from 'fastify';
import { TraceRole } from '../trace-roles';
import { discoveryHeaders } from './domain/gs1-headers';
import { TOP_LEVEL_RESOURCES, collection } from './domain/top-level-resources';
import { Gs1HeadersInterceptor } from './gs1-headers.interceptor';
import { DISCOVERY_ROLES } from './resource-controllers';
import { COLLECTION_SCHEMA } from '../epcis-responses.openapi';

/**
 * The root of the EPCIS REST binding: its discovery (OPTIONS /), its top-level resources
 * (GET /), and the release of a page token.
 */
@ApiTags('Discovery')
@Controller()
@UseGuards(BearerAuthGuard)
@RequireRoles(...DISCOVERY_ROLES)
@UseInterceptors(Gs1HeadersInterceptor)
export class BindingController {
  @Options()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Allow and the GS1 version headers' })
  discover(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.headers(discoveryHeaders(['OPTIONS', 'GET']));
  }

  @Get()
  @ApiOkResponse({
    description: 'The top-level resources of this EPCIS repository',
    schema: COLLECTION_SCHEMA,
  })
  topLevel() {
    return collection(TOP_LEVEL_RESOURCES, EPCIS_CONTEXT);
  }

  /**
   * Page tokens hold the position in the token itself (keyset paging, events/domain/
   * page-token.ts): the server keeps nothing for them, so there is nothing to release and
   * every token is released at once.
   */
  @Delete('nextPageToken/:token')
  @RequireRoles(TraceRole.query)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiParam({ name: 'token', description: 'A nextPageToken from a Link header' })
  @ApiNoContentResponse({ description: 'Nothing is held for the token' })
  releasePageToken(): void {
    // Nothing to release (see above).
  }
}
