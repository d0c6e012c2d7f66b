import { Controller, Get, Headers, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces } from '@nestjs/swagger';
import { PublicRoute } from '@pujiang/auth';
import { isValidLot, lotDigitalLink } from '@pujiang/epcis';
import { ProblemException } from '@pujiang/http';
import { isValidGtin, toGtin14 } from '@pujiang/standards';
import { FastifyReply, FastifyRequest } from 'fastify';
import { toString as qrSvg } from 'qrcode';
import { AnchorProofView } from '../anchoring/anchor-proofs.service';
import { GTIN_SCHEMA, LOT_SCHEMA } from '../epcis.openapi';
import { PAGE_TTL_SECONDS, ProvenancePages } from './provenance-pages';
import { PublishedProofs } from './published-proofs';

const LINKSET = 'application/linkset+json';

/**
 * GS1 Digital Link resolver for a lot: the QR code on a pack encodes
 * /01/{gtin}/10/{lot}. Browsers get the provenance page; GS1 resolver
 * clients asking for a linkset (RFC 9264) get the links instead. Public, no
 * token: the page shows only published steps, and each step's verify link
 * answers the proof check of that published event. Being public, every
 * route here is rate limited per client address.
 */
@Controller()
@PublicRoute()
export class DigitalLinkController {
  constructor(
    private readonly pages: ProvenancePages,
    private readonly published: PublishedProofs,
  ) {}

  @Get('01/:gtin/10/:lot')
  @ApiParam({ name: 'gtin', description: 'GTIN-8, -12, -13 or -14', schema: GTIN_SCHEMA })
  @ApiParam({ name: 'lot', description: 'Batch/lot number (AI 10)', schema: LOT_SCHEMA })
  @ApiProduces('text/html', LINKSET)
  @ApiOkResponse({ description: 'The provenance page, or the linkset when asked for one' })
  async resolve(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Headers('accept') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const gtin14 = checkedGtin(gtin);
    checkLot(lot);
    const path = lotDigitalLink(gtin14, lot, '');
    if (accept?.includes(LINKSET)) {
      const origin = `${request.protocol}://${request.host}`;
      await reply.type(LINKSET).send(linkset(origin, path, gtin14, lot));
      return;
    }
    const page = await this.pages.page(gtin14, lot);
    void reply
      .header('ETag', page.etag)
      .header('Cache-Control', `public, max-age=${PAGE_TTL_SECONDS}`)
      .header('Vary', 'Accept')
      .header('Link', `<${path}>; rel="linkset"; type="${LINKSET}"`);
    if (ifNoneMatch === page.etag) {
      await reply.status(HttpStatus.NOT_MODIFIED).send();
      return;
    }
    await reply.type('text/html; charset=utf-8').send(page.html);
  }

  /** The QR code to print on the pack, as SVG. */
  @Get('qr/01/:gtin/10/:lot')
  @ApiParam({ name: 'gtin', description: 'GTIN-8, -12, -13 or -14', schema: GTIN_SCHEMA })
  @ApiParam({ name: 'lot', description: 'Batch/lot number (AI 10)', schema: LOT_SCHEMA })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ description: 'The QR code encoding the lot’s GS1 Digital Link' })
  async qr(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    checkLot(lot);
    const link = lotDigitalLink(checkedGtin(gtin), lot, `${request.protocol}://${request.host}`);
    await reply
      .type('image/svg+xml')
      .send(await qrSvg(link, { type: 'svg', errorCorrectionLevel: 'M' }));
  }

  @Get('verify/:eventHash')
  @ApiParam({
    name: 'eventHash',
    description: 'The event hash ID (ni:///sha-256;…?ver=CBV2.0), percent-encoded',
  })
  @ApiOkResponse({
    description: 'The published event’s inclusion proof, checked against the ledger now',
  })
  verify(@Param('eventHash') eventHash: string): Promise<AnchorProofView> {
    return this.published.verify(eventHash);
  }
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

function checkLot(lot: string): void {
  if (!isValidLot(lot)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'The lot is not a GS1 batch/lot number',
      'about:blank',
      [{ pointer: '/lot', detail: "must be 1 to 20 characters of GS1's CSET 82" }],
    );
  }
}

function linkset(origin: string, path: string, gtin: string, lot: string) {
  const lotUri = lotDigitalLink(gtin, lot);
  return {
    linkset: [
      {
        anchor: `${origin}${path}`,
        'https://gs1.org/voc/pip': [
          { href: `${origin}${path}`, type: 'text/html', title: 'Where this came from' },
        ],
        'https://gs1.org/voc/traceability': [
          {
            href: `${origin}/events?MATCH_anyEPCClass=${encodeURIComponent(lotUri)}`,
            type: 'application/ld+json',
            title: 'EPCIS events of this lot',
          },
          {
            href: `${origin}/trace?gtin=${gtin}&lot=${encodeURIComponent(lot)}&direction=backward`,
            type: 'application/json',
            title: 'Backward trace',
          },
        ],
      },
    ],
  };
}
