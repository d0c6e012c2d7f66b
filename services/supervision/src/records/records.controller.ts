import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse } from '@nestjs/swagger';
import { BearerAuthGuard, RequireRoles } from '@pujiang/auth';
import {
  BATCH_ID_PATTERN,
  MSP_ID_PATTERN,
  TRANSPORT_DOCUMENT_REFERENCE_PATTERN,
} from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';

/** A Fabric transaction id: 64 lowercase hex digits. */
const TRANSACTION_ID_PATTERN = /^[0-9a-f]{64}$/;
import { problemFromLedger } from '@pujiang/ledger-client';
import { SupervisionRole } from '../platform/supervision-roles';
import { AnchoredRecords, LedgerDomain } from './anchored-records';

export interface LedgerRead<T> {
  domain: LedgerDomain;
  /** The MSP id the ledger was read as. */
  readAs: string;
  record: T;
}

const READ_SCHEMA = {
  type: 'object',
  required: ['domain', 'readAs', 'record'],
  properties: {
    domain: { enum: ['traceability', 'ebl', 'claims'] },
    readAs: { type: 'string' },
    record: { type: 'object' },
  },
};

/**
 * The regulator's cross-domain reads: what the ledger holds of a batch of
 * anchored EPCIS events, an eBL or a claim, read from the ledger itself
 * rather than from any organisation's database.
 */
@Controller('ledger')
@ApiBearerAuth()
@UseGuards(BearerAuthGuard)
@RequireRoles(SupervisionRole.supervisor)
export class RecordsController {
  constructor(private readonly records: AnchoredRecords) {}

  @Get('traceability/batches/:organisation/:batchId')
  @ApiOkResponse({
    description: 'The anchored batch: Merkle root, event count, transaction',
    schema: READ_SCHEMA,
  })
  batch(
    @Param('organisation') organisation: string,
    @Param('batchId') batchId: string,
  ): Promise<LedgerRead<unknown>> {
    checked('organisation', organisation, MSP_ID_PATTERN);
    checked('batchId', batchId, BATCH_ID_PATTERN);
    return this.read('traceability', `batch ${batchId} of ${organisation}`, () =>
      this.records.anchoredBatch(organisation, batchId),
    );
  }

  @Get('ebls/:platform/:transportDocumentReference')
  @ApiOkResponse({
    description: 'The eBL’s ledger record: status, holder, chain',
    schema: READ_SCHEMA,
  })
  billOfLading(
    @Param('platform') platform: string,
    @Param('transportDocumentReference') reference: string,
  ): Promise<LedgerRead<unknown>> {
    checked('platform', platform, MSP_ID_PATTERN);
    checked('transportDocumentReference', reference, TRANSPORT_DOCUMENT_REFERENCE_PATTERN);
    return this.read('ebl', `eBL ${reference} on ${platform}`, () =>
      this.records.billOfLading(platform, reference),
    );
  }

  @Get('claims/:claimId')
  @ApiOkResponse({
    description:
      'The claim’s public ledger record: status, steps, the hash of its details and what its insurer disclosed to the regulator',
    schema: READ_SCHEMA,
  })
  claim(@Param('claimId', new ParseUUIDPipe()) claimId: string): Promise<LedgerRead<unknown>> {
    return this.read('claims', `claim ${claimId}`, () => this.records.claim(claimId));
  }

  @Get('claims/:claimId/disclosures/:txId')
  @ApiOkResponse({
    description:
      'The private fields the claim’s insurer disclosed to this regulator in transaction txId, with the public record of that disclosure',
    schema: READ_SCHEMA,
  })
  disclosure(
    @Param('claimId', new ParseUUIDPipe()) claimId: string,
    @Param('txId') txId: string,
  ): Promise<LedgerRead<unknown>> {
    checked('txId', txId, TRANSACTION_ID_PATTERN);
    return this.read('claims', `disclosure ${txId} of claim ${claimId}`, () =>
      this.records.disclosure(claimId, txId),
    );
  }

  private async read(
    domain: LedgerDomain,
    what: string,
    read: () => Promise<unknown>,
  ): Promise<LedgerRead<unknown>> {
    let record: unknown;
    try {
      record = await read();
    } catch (error) {
      throw problemFromLedger(error);
    }
    if (record === undefined)
      throw new ProblemException(HttpStatus.NOT_FOUND, `the ledger has no ${what}`);
    return { domain, readAs: this.records.readAs, record };
  }
}

function checked(name: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value)) {
    throw new ProblemException(HttpStatus.BAD_REQUEST, `${name} is malformed`, 'about:blank', [
      { pointer: `/${name}`, detail: `must match ${pattern.source}` },
    ]);
  }
}
