import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
} from '@nestjs/swagger';
import { BearerAuthGuard, CurrentPrincipal, Principal, RequireRoles } from '@pujiang/auth';
import { MSP_ID_PATTERN } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { SupervisionRole } from '../platform/supervision-roles';
import { FsmaAnswerDto, FsmaRequestDto } from './fsma-requests.dto';
import { FSMA_REQUEST_SCHEMA, FSMA_REQUESTS_SCHEMA } from './fsma-requests.openapi';
import { FsmaRequestView, FsmaRequests } from './fsma-requests';

const UUID = new ParseUUIDPipe({ version: '4' });

/**
 * FSMA 204 records requests: the regulator asks an organisation for a lot's
 * records over a window; the organisation answers with its sortable
 * spreadsheet (traceability's GET /fsma-204, as its own caller sees it).
 */
@Controller('fsma-requests')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(SupervisionRole.supervisor)
export class FsmaRequestsController {
  constructor(private readonly requests: FsmaRequests) {}

  @Post()
  @ApiCreatedResponse({
    description: 'The request, with its deadline (24 hours unless respondBy is sooner)',
    schema: FSMA_REQUEST_SCHEMA,
  })
  request(
    @Body() body: FsmaRequestDto,
    @CurrentPrincipal() regulator: Principal,
  ): Promise<FsmaRequestView> {
    return this.requests.request(body, regulator);
  }

  @Get()
  @ApiQuery({
    name: 'organisation',
    required: false,
    description: 'Only the requests to this organisation (MSP id)',
    schema: { type: 'string', pattern: MSP_ID_PATTERN.source },
  })
  @ApiOkResponse({
    description: 'The requests, latest first, each with where its answer stands',
    schema: FSMA_REQUESTS_SCHEMA,
  })
  async list(
    @Query('organisation') organisation?: unknown,
  ): Promise<{ requests: FsmaRequestView[] }> {
    if (
      organisation !== undefined &&
      (typeof organisation !== 'string' || !MSP_ID_PATTERN.test(organisation))
    ) {
      throw new ProblemException(400, 'organisation must be one MSP id', 'about:blank', [
        { pointer: '/organisation', detail: 'must be one MSP id' },
      ]);
    }
    return { requests: await this.requests.list(organisation) };
  }

  @Get(':requestId')
  @ApiOkResponse({
    description: 'The request and where its answer stands',
    schema: FSMA_REQUEST_SCHEMA,
  })
  one(@Param('requestId', UUID) requestId: string): Promise<FsmaRequestView> {
    return this.requests.find(requestId);
  }

  @Get(':requestId/spreadsheet')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The FSMA 204 sortable spreadsheet as the organisation sent it',
    schema: { type: 'string' },
  })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  spreadsheet(@Param('requestId', UUID) requestId: string): Promise<string> {
    return this.requests.spreadsheet(requestId);
  }

  @Put(':requestId/answer')
  @RequireRoles(SupervisionRole.respondent)
  @ApiOkResponse({
    description: 'The request, answered: in time, or flagged late',
    schema: FSMA_REQUEST_SCHEMA,
  })
  answer(
    @Param('requestId', UUID) requestId: string,
    @Body() body: FsmaAnswerDto,
    @CurrentPrincipal() respondent: Principal,
  ): Promise<FsmaRequestView> {
    return this.requests.answer(requestId, body, respondent);
  }
}
