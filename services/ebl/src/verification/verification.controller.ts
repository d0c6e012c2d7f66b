import { problemFromLedger } from '@pujiang/ledger-client';
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiParam, ApiProduces } from '@nestjs/swagger';
import { PublicRoute } from '@pujiang/auth';
import { EblRecord } from '@pujiang/contracts';
import { canonicalSha256 } from '@pujiang/standards';
import { ProblemException } from '@pujiang/http';
import { BriefCache } from '@pujiang/polling';
import { FastifyReply } from 'fastify';
import { toString as qrSvg } from 'qrcode';
import { EblConfig } from '../platform/ebl.config';
import { EblPlatform } from '../platform/ebl-platform';
import { REFERENCE_PARAM } from '../platform/ebl.openapi';
import { EblLedger } from '../transport-documents/ebl-ledger';
import { verificationPage } from './verification-page';

const REFERENCE = /^\S{1,20}$/;

/** References whose ledger answer is kept: beyond it the oldest go first. */
const REMEMBERED_REFERENCES = 10_000;

/** POST /verify/{reference}: the presented copy against the ledger's checksum. */
const VERIFICATION_SCHEMA = {
  type: 'object' as const,
  required: ['transportDocumentReference', 'status', 'carrierCode', 'matches'],
  properties: {
    transportDocumentReference: { type: 'string' as const },
    status: { type: 'string' as const },
    carrierCode: { type: 'string' as const, nullable: true },
    matches: { type: 'boolean' as const },
  },
};

/**
 * Public, no login: anyone holding a printout or a PDF of an eBL can check
 * its status, its issuing carrier (printed on the bill anyway) and whether
 * their copy is the document on the ledger. It shows nothing else: no other
 * parties, no cargo, no holder. Being public, it is rate limited per client,
 * and reads the ledger at most once per reference in EBL_VERIFY_CACHE_SECONDS.
 */
@Controller('verify')
@PublicRoute()
export class VerificationController {
  private readonly records: BriefCache<EblRecord | undefined>;

  constructor(
    private readonly ledger: EblLedger,
    private readonly config: EblConfig,
    private readonly platform: EblPlatform,
  ) {
    this.records = new BriefCache(config.EBL_VERIFY_CACHE_SECONDS * 1000, REMEMBERED_REFERENCES);
  }

  @Get(':reference')
  @ApiParam(REFERENCE_PARAM)
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'The document’s status on the ledger',
    schema: { type: 'string', description: 'An HTML page' },
  })
  async page(@Param('reference') reference: string, @Res() reply: FastifyReply): Promise<void> {
    const { status, carrierCode, chain } = await this.record(reference);
    const imported = chain[0]?.action === 'IMPORT';
    const carrierName =
      carrierCode === undefined ? undefined : this.platform.carrier(carrierCode)?.party.partyName;
    await reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(verificationPage(reference, { status, carrierCode, carrierName, imported }));
  }

  /** The document presented matches the ledger's checksum, or not. */
  @Post(':reference')
  @HttpCode(200)
  @ApiParam(REFERENCE_PARAM)
  @ApiBody({ schema: { type: 'object' }, description: 'The transport document as presented' })
  @ApiOkResponse({
    description: 'Whether the copy matches the ledger',
    schema: VERIFICATION_SCHEMA,
  })
  async check(
    @Param('reference') reference: string,
    @Body() presented: unknown,
  ): Promise<{
    transportDocumentReference: string;
    status: string;
    carrierCode: string | null;
    matches: boolean;
  }> {
    if (typeof presented !== 'object' || presented === null || Array.isArray(presented)) {
      throw new ProblemException(400, 'present the transport document as a JSON object');
    }
    const record = await this.record(reference);
    return {
      transportDocumentReference: reference,
      status: record.status,
      carrierCode: record.carrierCode ?? null,
      matches: canonicalSha256(presented) === record.documentChecksum,
    };
  }

  @Get(':reference/qr')
  @ApiParam(REFERENCE_PARAM)
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({
    description: 'QR code of the verification page',
    schema: { type: 'string', description: 'An SVG image' },
  })
  async qr(@Param('reference') reference: string, @Res() reply: FastifyReply): Promise<void> {
    if (!REFERENCE.test(reference)) throw new ProblemException(400, 'malformed reference');
    const url = `${this.config.EBL_PUBLIC_URL.replace(/\/$/, '')}/verify/${encodeURIComponent(reference)}`;
    await reply.type('image/svg+xml').send(await qrSvg(url, { type: 'svg', margin: 2 }));
  }

  private async record(reference: string) {
    if (!REFERENCE.test(reference)) throw new ProblemException(400, 'malformed reference');
    let record;
    try {
      record = await this.records.get(reference, () => this.ledger.read(reference));
    } catch (error) {
      throw problemFromLedger(error);
    }
    if (record === undefined)
      throw new ProblemException(404, `no eBL ${reference} on this platform`);
    return record;
  }
}
