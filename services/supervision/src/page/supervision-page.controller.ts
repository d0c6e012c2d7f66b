import { Controller, Get, Headers, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery } from '@nestjs/swagger';
import { BearerAuthGuard, RequireRoles } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { FastifyReply } from 'fastify';
import { ComplianceMonitors, MonitorFindings } from '../monitors/compliance-monitors';
import { FsmaRequests } from '../fsma/fsma-requests';
import { SupervisionRole } from '../platform/supervision-roles';
import { pageLanguage } from './page-text';
import { supervisionPage } from './supervision-page';

/** The regulator's page, and the same findings as JSON for its tools. */
@Controller()
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(SupervisionRole.supervisor)
export class SupervisionPageController {
  constructor(
    private readonly monitors: ComplianceMonitors,
    private readonly requests: FsmaRequests,
  ) {}

  @Get('supervision')
  @ApiProduces('text/html')
  @ApiQuery({ name: 'lang', required: false, schema: { enum: ['en', 'zh'] } })
  @ApiOkResponse({
    description: 'The compliance monitors and FSMA 204 requests, as an HTML page (en, zh)',
    schema: { type: 'string', description: 'An HTML page' },
  })
  async page(
    @Query('lang') lang: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (lang !== undefined && lang !== 'en' && lang !== 'zh') {
      throw new ProblemException(400, 'lang must be en or zh', 'about:blank', [
        { pointer: '/lang', detail: 'must be en or zh' },
      ]);
    }
    const now = new Date();
    const html = supervisionPage(
      await this.monitors.findings(now),
      await this.requests.list(),
      pageLanguage(lang, acceptLanguage),
    );
    await reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('cache-control', 'no-store')
      .header('vary', 'accept-language')
      .send(html);
  }

  @Get('monitors')
  @ApiOkResponse({
    description: 'What each compliance monitor finds now',
    schema: {
      type: 'object',
      required: [
        'at',
        'coldChainBreaches',
        'coldChainBreachCounts',
        'claimsPastTimeBar',
        'surrenderedWithoutDelivery',
        'shipmentsNotReceived',
        'anchoringLag',
      ],
    },
  })
  findings(): Promise<MonitorFindings> {
    return this.monitors.findings(new Date());
  }
}
