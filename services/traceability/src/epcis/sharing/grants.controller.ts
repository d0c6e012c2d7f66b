import {
  Body,
  Controller,
  Delete,
  Get,
  HttpStatus,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { AccessGrant, GRANT_ID_PATTERN, MSP_ID_PATTERN } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { FastifyReply } from 'fastify';
import { TraceRole } from '../trace-roles';
import { GRANTS_SCHEMA, GRANT_REQUEST_SCHEMA, GRANT_SCHEMA } from './grant.openapi';
import { GrantsOfOrganisation, GrantsService } from './grants.service';

const GRANT_ID = { name: 'grantId', schema: { type: 'string', pattern: GRANT_ID_PATTERN.source } };

/**
 * Read access to the caller organisation's events, granted to another
 * organisation or published (grantee PUBLIC), and revoked; each signed on
 * the ledger by the acting party's own identity.
 */
@Controller('grants')
@UseGuards(BearerAuthGuard)
@RequireRoles(TraceRole.share)
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Post()
  @ApiBody({ schema: GRANT_REQUEST_SCHEMA })
  @ApiCreatedResponse({ description: 'The grant as the ledger recorded it', schema: GRANT_SCHEMA })
  async grant(
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessGrant> {
    const grant = await this.grants.grant(caller, body);
    void reply
      .status(HttpStatus.CREATED)
      .header('Location', `/grants/${grant.granterMspId}/${grant.grantId}`);
    return grant;
  }

  @Get()
  @ApiOkResponse({
    description: 'The grants the organisation gave and received',
    schema: GRANTS_SCHEMA,
  })
  list(@CurrentPrincipal() caller: Principal): Promise<GrantsOfOrganisation> {
    return this.grants.grantsOf(caller);
  }

  @Get(':granterMspId/:grantId')
  @ApiParam({ name: 'granterMspId', schema: { type: 'string', pattern: MSP_ID_PATTERN.source } })
  @ApiParam(GRANT_ID)
  @ApiOkResponse({
    description: 'One grant the organisation gave or received',
    schema: GRANT_SCHEMA,
  })
  find(
    @Param('granterMspId') granterMspId: string,
    @Param('grantId') grantId: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AccessGrant> {
    return this.grants.find(caller, granterMspId, grantId);
  }

  /** A revocation is a ledger transaction too: the grant stays on record, revoked. */
  @Delete(':grantId')
  @ApiParam(GRANT_ID)
  @ApiOkResponse({ description: 'The grant, revoked', schema: GRANT_SCHEMA })
  revoke(
    @Param('grantId') grantId: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<AccessGrant> {
    if (!GRANT_ID_PATTERN.test(grantId)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The grant id is not valid',
        'about:blank',
        [{ pointer: '/grantId', detail: `must match ${GRANT_ID_PATTERN.source}` }],
      );
    }
    return this.grants.revoke(caller, grantId);
  }
}
