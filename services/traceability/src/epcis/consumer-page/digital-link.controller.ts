import {
  applyDecorators,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Options,
  Param,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiProduces,
  ApiQuery,
} from '@nestjs/swagger';
import { PublicRoute } from '@pujiang/auth';
import { lotDigitalLink } from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { compressDigitalLink } from '@pujiang/standards';
import { FastifyReply, FastifyRequest } from 'fastify';
import { toBuffer as qrPng, toString as qrSvg } from 'qrcode';
import { AnchorProofView } from '../anchoring/anchor-proofs.service';
import { ANCHOR_PROOF_SCHEMA } from '../anchoring/anchor-proof.openapi';
import { PAGE_OR_LINKSET_SCHEMA, QR_CODE_SCHEMA } from '../epcis-responses.openapi';
import { GTIN_SCHEMA, LOT_SCHEMA } from '../epcis.openapi';
import { compressedLink } from './compressed-link';
import { ConsumerPageConfig } from './consumer-page.config';
import { verificationPage } from './domain/consumer-page';
import { chooseLanguage } from './domain/language';
import { PageSubject, ProvenancePages, proofOf } from './provenance-pages';
import { PublishedProofs } from './published-proofs';
import { CORS, LINKSET, readScan, sendScan } from './scan-answer';
import {
  SCAN_ROUTES,
  badQuery,
  checked,
  checkedGtin,
  checkedLanguage,
  itemSubject,
  lotSubject,
  productSubject,
  unitSubject,
} from './scanned-codes';

const SSCC_SCHEMA = { type: 'string', pattern: '^\\d{18}$' };

/**
 * GS1 Digital Link resolver for a lot: the QR code on a pack encodes
 * /01/{gtin}/10/{lot}. Browsers get the provenance page in their language;
 * GS1 resolver clients asking for a linkset (RFC 9264, `linkType=all` or
 * Accept) get the links instead, and a `linkType` we serve is redirected to
 * (the rules: scan-answer.ts). Public, no token: the page shows only
 * published steps, and each step's verify link answers the proof check of
 * that published event. Being public, every route here is rate limited per
 * client address. Scans whose answer is at hand never reach these routes
 * (ScansBeforeNest, decision 0030); the rest, and every refusal, do.
 */
@Controller()
@PublicRoute()
export class DigitalLinkController {
  constructor(
    private readonly pages: ProvenancePages,
    private readonly published: PublishedProofs,
    private readonly config: ConsumerPageConfig,
  ) {}

  @Get(SCAN_ROUTES.product)
  @ApiParam({ name: 'gtin', description: 'GTIN-8, -12, -13 or -14', schema: GTIN_SCHEMA })
  @PageQueries()
  @ApiOkResponse({
    description: 'The product’s page, or its linkset when asked for one',
    schema: PAGE_OR_LINKSET_SCHEMA,
  })
  product(
    @Param('gtin') gtin: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.serve(productSubject(gtin), request, reply);
  }

  @Get(SCAN_ROUTES.lot)
  @ApiParam({ name: 'gtin', description: 'GTIN-8, -12, -13 or -14', schema: GTIN_SCHEMA })
  @ApiParam({ name: 'lot', description: 'Batch/lot number (AI 10)', schema: LOT_SCHEMA })
  @PageQueries()
  @ApiOkResponse({
    description: 'The lot’s provenance page, or its linkset when asked for one',
    schema: PAGE_OR_LINKSET_SCHEMA,
  })
  lot(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.serve(lotSubject(gtin, lot), request, reply);
  }

  @Get(SCAN_ROUTES.item)
  @ApiParam({ name: 'gtin', description: 'GTIN-8, -12, -13 or -14', schema: GTIN_SCHEMA })
  @ApiParam({ name: 'serial', description: 'Serial number (AI 21)', schema: LOT_SCHEMA })
  @PageQueries()
  @ApiOkResponse({
    description: 'The item’s provenance page, or its linkset when asked for one',
    schema: PAGE_OR_LINKSET_SCHEMA,
  })
  item(
    @Param('gtin') gtin: string,
    @Param('serial') serial: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.serve(itemSubject(gtin, serial), request, reply);
  }

  @Get(SCAN_ROUTES.unit)
  @ApiParam({ name: 'sscc', description: 'SSCC, 18 digits', schema: SSCC_SCHEMA })
  @PageQueries()
  @ApiOkResponse({
    description: 'The logistic unit’s page, or its linkset when asked for one',
    schema: PAGE_OR_LINKSET_SCHEMA,
  })
  unit(
    @Param('sscc') sscc: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.serve(unitSubject(sscc), request, reply);
  }

  private async serve(
    subject: PageSubject,
    request: FastifyRequest,
    reply: FastifyReply,
    query = request.query as Record<string, unknown>,
  ): Promise<void> {
    const scan = readScan(subject, request, reply, query);
    if (scan.kind !== 'page') {
      await sendScan(request, reply, scan);
      return;
    }
    const page = await this.pages.page(subject, scan.language, Date.now(), scan.path);
    await sendScan(request, reply, { ...scan, page });
  }

  /**
   * A compressed GS1 Digital Link (GS1 Digital Link compression): answered
   * exactly as its uncompressed twin, whose data attributes and other pairs
   * (linkType…) join the request's query. Any other single path segment is
   * not a compressed link and gets a 400.
   */
  @Get(':compressed')
  @ApiParam({
    name: 'compressed',
    description: 'A compressed GS1 Digital Link path (URI-safe base64)',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
  })
  @PageQueries()
  @ApiOkResponse({
    description: 'What its uncompressed twin answers',
    schema: PAGE_OR_LINKSET_SCHEMA,
  })
  compressed(
    @Param('compressed') compressed: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const twin = compressedLink(compressed, request.query as Record<string, unknown>);
    const { gtin = '', code } = twin.subject;
    const subject =
      code === undefined
        ? productSubject(gtin)
        : code.kind === 'sscc'
          ? unitSubject(code.value)
          : code.kind === 'lot'
            ? lotSubject(gtin, code.value)
            : itemSubject(gtin, code.value);
    return this.serve(subject, request, reply, twin.query);
  }

  /**
   * Discovery, and the CORS preflight of any browser that asks. Left out of
   * the OpenAPI document: one handler serves four paths with different parameters.
   */
  @ApiExcludeEndpoint()
  @Options([...Object.values(SCAN_ROUTES), ':compressed'])
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The methods, and CORS for any origin' })
  discover(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.headers({
      ...CORS,
      Allow: 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'Accept, Accept-Language, If-None-Match',
      'Access-Control-Max-Age': '86400',
    });
  }

  /**
   * The QR code to print on the pack: SVG, or PNG with `?format=png`; the
   * Digital Link compressed when CONSUMER_PAGE_QR_FORM says so (a smaller code).
   */
  @Get('qr/01/:gtin/10/:lot')
  @ApiParam({ name: 'gtin', description: 'GTIN-8, -12, -13 or -14', schema: GTIN_SCHEMA })
  @ApiParam({ name: 'lot', description: 'Batch/lot number (AI 10)', schema: LOT_SCHEMA })
  @ApiQuery({ name: 'format', required: false, schema: { enum: ['svg', 'png'] } })
  @ApiProduces('image/svg+xml', 'image/png')
  @ApiOkResponse({
    description: 'The QR code encoding the lot’s GS1 Digital Link',
    schema: QR_CODE_SCHEMA,
  })
  async qr(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Query('format') format: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const gtin14 = checkedGtin(gtin);
    checked(lot, 'lot');
    if (format !== undefined && format !== 'svg' && format !== 'png') {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'Ask for format svg or png',
        'about:blank',
        [{ pointer: '/format', detail: 'must be svg or png' }],
      );
    }
    const base = this.config.CONSUMER_PAGE_BASE_URL.replace(/\/+$/, '');
    const link =
      this.config.CONSUMER_PAGE_QR_FORM === 'compressed'
        ? `${base}/${compressDigitalLink([
            { ai: '01', value: gtin14 },
            { ai: '10', value: lot },
          ])}`
        : lotDigitalLink(gtin14, lot, base);
    void reply.headers(CORS);
    if (format === 'png') {
      await reply
        .type('image/png')
        .send(await qrPng(link, { type: 'png', errorCorrectionLevel: 'M' }));
      return;
    }
    await reply
      .type('image/svg+xml')
      .send(await qrSvg(link, { type: 'svg', errorCorrectionLevel: 'M' }));
  }

  /** JSON for software; a page in words for a person's browser (it asks for text/html). */
  @Get('verify/:eventHash')
  @ApiParam({
    name: 'eventHash',
    description: 'The event hash ID (ni:///sha-256;…?ver=CBV2.0), percent-encoded',
  })
  @ApiQuery({ name: 'format', required: false, schema: { enum: ['json'] } })
  @ApiQuery({ name: 'lang', required: false, schema: { enum: ['en', 'zh'] } })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({
    description: 'The published event’s inclusion proof, checked against the ledger now',
    schema: { oneOf: [ANCHOR_PROOF_SCHEMA, { type: 'string', description: 'The HTML page' }] },
  })
  async verify(
    @Param('eventHash') eventHash: string,
    @Query('lang') lang: unknown,
    @Query('format') format: unknown,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (format !== undefined && format !== 'json') {
      throw badQuery('format', 'must be json, or absent');
    }
    checkedLanguage(lang);
    const proof: AnchorProofView = await this.published.verify(eventHash);
    void reply.headers({ ...CORS, Vary: 'Accept, Accept-Language' });
    if (format === 'json' || !prefersHtml(accept)) {
      await reply.type('application/json').send(proof);
      return;
    }
    const language = chooseLanguage(lang, acceptLanguage);
    await reply.type('text/html; charset=utf-8').send(
      verificationPage(
        {
          eventHash: proof.eventHash,
          proof: proofOf(proof),
          jsonHref: `/verify/${encodeURIComponent(eventHash)}?format=json`,
        },
        language,
      ),
    );
  }
}

/** A browser lists text/html first; software asks for JSON or anything. */
function prefersHtml(accept: string | undefined): boolean {
  return accept !== undefined && /^\s*text\/html/.test(accept);
}

/** Every page route takes the same query: the shopper's language and GS1's link type. */
function PageQueries(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'lang', required: false, schema: { enum: ['en', 'zh'] } }),
    ApiQuery({ name: 'linkType', required: false, schema: { type: 'string' } }),
    ApiProduces('text/html', LINKSET),
  );
}
