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
import { buildDigitalLink, isValidLot, lotDigitalLink } from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { compressDigitalLink, hasValidCheckDigit, isValidGtin, toGtin14 } from '@pujiang/standards';
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
import {
  PAGE_TTL_SECONDS,
  PageSubject,
  ProvenancePages,
  proofOf,
  subjectElements,
} from './provenance-pages';
import { PublishedProofs } from './published-proofs';

const LINKSET = 'application/linkset+json';
const SSCC_SCHEMA = { type: 'string', pattern: '^\\d{18}$' };
const PIP = 'https://gs1.org/voc/pip';
const TRACEABILITY = 'https://gs1.org/voc/traceability';
/** Public and read-only: any web page may read it (GS1 Digital Link resolvers answer CORS). */
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Link, ETag, Content-Language',
};

/** A compact GS1 link type (`gs1:pip`) as its full IRI. */
const linkTypeIri = (linkType: string) => linkType.replace(/^gs1:/, 'https://gs1.org/voc/');

/**
 * GS1 Digital Link resolver for a lot: the QR code on a pack encodes
 * /01/{gtin}/10/{lot}. Browsers get the provenance page in their language;
 * GS1 resolver clients asking for a linkset (RFC 9264, `linkType=all` or
 * Accept) get the links instead, and a `linkType` we serve is redirected to.
 * Public, no token: the page shows only published steps, and each step's
 * verify link answers the proof check of that published event. Being
 * public, every route here is rate limited per client address.
 */
@Controller()
@PublicRoute()
export class DigitalLinkController {
  constructor(
    private readonly pages: ProvenancePages,
    private readonly published: PublishedProofs,
    private readonly config: ConsumerPageConfig,
  ) {}

  @Get('01/:gtin')
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
    return this.serve({ gtin: checkedGtin(gtin) }, request, reply);
  }

  @Get('01/:gtin/10/:lot')
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
    const subject = { gtin: checkedGtin(gtin), code: { kind: 'lot', value: checked(lot, 'lot') } };
    return this.serve(subject as PageSubject, request, reply);
  }

  @Get('01/:gtin/21/:serial')
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
    const code = { kind: 'serial', value: checked(serial, 'serial') } as const;
    return this.serve({ gtin: checkedGtin(gtin), code }, request, reply);
  }

  @Get('00/:sscc')
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
    query?: Record<string, unknown>,
  ): Promise<void> {
    if (!/^\d{18}$/.test(sscc) || !hasValidCheckDigit(sscc)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        `${sscc} is not a valid SSCC`,
        'about:blank',
        [{ pointer: '/sscc', detail: 'must be 18 digits with a valid check digit' }],
      );
    }
    return this.serve({ code: { kind: 'sscc', value: sscc } }, request, reply, query);
  }

  private async serve(
    subject: PageSubject,
    request: FastifyRequest,
    reply: FastifyReply,
    query = request.query as Record<string, unknown>,
  ): Promise<void> {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const path = buildDigitalLink(subjectElements(subject), '');
    const origin = `${request.protocol}://${request.host}`;
    void reply.headers({ ...CORS, Vary: 'Accept, Accept-Language, Accept-Encoding' });
    void reply.header('Link', `<${path}?linkType=all>; rel="linkset"; type="${LINKSET}"`);
    const wanted = typeof query.linkType === 'string' ? linkTypeIri(query.linkType) : undefined;
    if (wanted === 'all' || (wanted === undefined && header('accept')?.includes(LINKSET))) {
      await reply.type(LINKSET).send(linkset(origin, path, subject));
      return;
    }
    // The page is what nearly every scan asks for: the linkset is built only for a link type.
    const entry =
      wanted === undefined ? undefined : linkset(origin, path, subject).linkset[0][wanted];
    const target = Array.isArray(entry) ? entry[0] : undefined;
    if (target !== undefined && wanted !== PIP) {
      await reply.redirect(target.href, HttpStatus.TEMPORARY_REDIRECT);
      return;
    }
    const language = chooseLanguage(checkedLanguage(query.lang), header('accept-language'));
    const page = await this.pages.page(subject, language, Date.now(), path);
    void reply
      .header('ETag', page.etag)
      .header('Cache-Control', `public, max-age=${PAGE_TTL_SECONDS}`)
      .header('Content-Language', language === 'zh' ? 'zh-Hans' : 'en');
    if (header('if-none-match') === page.etag) {
      await reply.status(HttpStatus.NOT_MODIFIED).send();
      return;
    }
    void reply.type('text/html; charset=utf-8');
    if (/\bgzip\b/.test(header('accept-encoding') ?? '')) {
      await reply.header('Content-Encoding', 'gzip').send(page.gzipped);
      return;
    }
    await reply.send(page.html);
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
    const { gtin, code } = twin.subject;
    if (code?.kind === 'sscc') return this.unit(code.value, request, reply, twin.query);
    const checkedCode =
      code === undefined ? undefined : { kind: code.kind, value: checked(code.value, code.kind) };
    const subject = { gtin: checkedGtin(gtin ?? ''), code: checkedCode } as PageSubject;
    return this.serve(subject, request, reply, twin.query);
  }

  /**
   * Discovery, and the CORS preflight of any browser that asks. Left out of
   * the OpenAPI document: one handler serves four paths with different parameters.
   */
  @ApiExcludeEndpoint()
  @Options(['01/:gtin', '01/:gtin/10/:lot', '01/:gtin/21/:serial', '00/:sscc', ':compressed'])
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

function checkedGtin(gtin: string): string {
  if (!isValidGtin(gtin)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `${gtin} is not a valid GTIN`,
      'about:blank',
      [{ pointer: '/gtin', detail: 'must be a GTIN-8, -12, -13 or -14 with a valid check digit' }],
    );
  }
  return toGtin14(gtin);
}

function badQuery(name: string, detail: string): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    `The ${name} parameter ${detail}`,
    'about:blank',
    [{ pointer: `/${name}`, detail }],
  );
}

/** The page's language switch: `en` or `zh`, once, or nothing (then Accept-Language decides). */
function checkedLanguage(lang: unknown): 'en' | 'zh' | undefined {
  if (lang === undefined || lang === 'en' || lang === 'zh') return lang;
  throw badQuery('lang', 'must be en or zh');
}

/** A lot (AI 10) or serial (AI 21): both are 1 to 20 characters of CSET 82. */
function checked(value: string, name: 'lot' | 'serial'): string {
  if (!isValidLot(value)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      `The ${name} is not a GS1 ${name === 'lot' ? 'batch/lot' : 'serial'} number`,
      'about:blank',
      [{ pointer: `/${name}`, detail: "must be 1 to 20 characters of GS1's CSET 82" }],
    );
  }
  return value;
}

/** Every page route takes the same query: the shopper's language and GS1's link type. */
function PageQueries(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'lang', required: false, schema: { enum: ['en', 'zh'] } }),
    ApiQuery({ name: 'linkType', required: false, schema: { type: 'string' } }),
    ApiProduces('text/html', LINKSET),
  );
}

interface Link {
  href: string;
  type: string;
  title: string;
  hreflang?: string[];
}

/** The code's links by GS1 link type (GS1 Digital Link resolver standard, RFC 9264 linkset). */
function linkset(origin: string, path: string, subject: PageSubject) {
  const identifier = buildDigitalLink(subjectElements(subject));
  const matchBy = subject.code?.kind === 'lot' ? 'MATCH_anyEPCClass' : 'MATCH_anyEPC';
  const links: Record<string, Link[]> = {
    [PIP]: [
      {
        href: `${origin}${path}`,
        type: 'text/html',
        title: 'Where this came from',
        hreflang: ['en', 'zh-Hans'],
      },
    ],
  };
  if (subject.code !== undefined) {
    links[TRACEABILITY] = [
      {
        href: `${origin}/events?${matchBy}=${encodeURIComponent(identifier)}`,
        type: 'application/ld+json',
        title: 'EPCIS events',
      },
      {
        href: `${origin}/trace?identifier=${encodeURIComponent(identifier)}&direction=backward`,
        type: 'application/json',
        title: 'Backward trace',
      },
    ];
  }
  return {
    linkset: [
      {
        anchor: `${origin}${path}`,
        'https://gs1.org/voc/defaultLink': links[PIP] ?? [],
        ...links,
      },
    ] as [Record<string, Link[] | string>],
  };
}
