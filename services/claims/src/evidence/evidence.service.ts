import { Injectable } from '@nestjs/common';
import { Principal } from '@pujiang/auth';
import { EBL_CONTRACT, EblTransaction, LedgerErrorCode } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { LedgerGateway, LedgerRefusalError, problemFromLedger } from '@pujiang/ledger-client';
import { canonicalJson } from '@pujiang/standards';
import { createHash } from 'node:crypto';
import { ClaimRecord } from '@pujiang/contracts';
import { ClaimsService } from '../claims/claims.service';
import { EvidenceDto } from '../claims/claim-requests.dto';
import { ClaimsPlatform } from '../platform/claims-platform';
import { ClaimsConfig } from '../platform/claims.config';

/**
 * Evidence from the platform itself, fetched by the service rather than
 * uploaded, so nobody can doctor it: an eBL's record as the ledger holds it,
 * or a traceability event with its Merkle proof against the ledger. The
 * claim gets the SHA-256 of the canonical evidence on the ledger.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly gateway: LedgerGateway,
    private readonly platform: ClaimsPlatform,
    private readonly config: ClaimsConfig,
  ) {}

  /**
   * `authorization` is the caller's own bearer token: traceability evidence
   * is read as the caller, so a claim can only cite events its author may see.
   */
  async attach(
    principal: Principal,
    claimId: string,
    dto: EvidenceDto,
    authorization: string,
  ): Promise<ClaimRecord> {
    // Nothing is fetched for a caller who may not see the claim: no probing the ledger through it.
    await this.claims.visible(principal, claimId);
    const evidence =
      dto.kind === 'EBL_RECORD'
        ? await this.eblRecord(dto)
        : await this.traceability(dto, authorization);
    const canonical = canonicalJson(evidence.content);
    return this.claims.attach(principal, claimId, {
      kind: dto.kind,
      name: evidence.name,
      mediaType: 'application/json',
      sha256: createHash('sha256').update(canonical).digest('hex'),
      content: Buffer.from(canonical),
      evidence: evidence.content,
      reference: evidence.reference,
    });
  }

  private async eblRecord(dto: EvidenceDto) {
    // A JSON null passes @IsOptional, so "absent" here means undefined, null or empty.
    const reference = dto.transportDocumentReference;
    if (!reference) throw new ProblemException(400, 'EBL_RECORD needs transportDocumentReference');
    const platform = dto.platformMspId ?? this.platform.mspId;
    let json: string;
    try {
      json = await this.gateway.evaluate({
        contract: EBL_CONTRACT,
        transaction: EblTransaction.read,
        args: [platform, reference],
      });
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.notFound) {
        throw new ProblemException(404, `no eBL ${reference} on the ledger of ${platform}`);
      }
      throw problemFromLedger(error);
    }
    const record = JSON.parse(json) as { lastTxId: string };
    return {
      name: `eBL ${reference} ledger record`,
      reference: record.lastTxId,
      content: { ebl: record },
    };
  }

  private async traceability(dto: EvidenceDto, authorization: string) {
    const eventID = dto.eventID;
    if (!eventID) throw new ProblemException(400, 'TRACEABILITY_EVIDENCE needs eventID');
    const base = `${this.config.TRACEABILITY_URL.replace(/\/$/, '')}/events/${encodeURIComponent(eventID)}`;
    const [event, proof] = await Promise.all([
      fetchJson(base, authorization),
      fetchJson(`${base}/proof`, authorization),
    ]);
    return {
      name: `EPCIS event ${eventID.slice(0, 150)} with its anchoring proof`,
      reference: eventID.slice(0, 200),
      content: { event, proof },
    };
  }
}

async function fetchJson(url: string, authorization: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new ProblemException(503, 'the traceability service is unreachable; nothing was changed');
  }
  // Not found and not visible to the caller look the same, as traceability answers them.
  if (response.status === 404) throw new ProblemException(404, 'no such traceability event');
  if (response.status === 401 || response.status === 403) {
    throw new ProblemException(
      403,
      'your token may not read traceability events (role trace:query); nothing was changed',
    );
  }
  if (!response.ok)
    throw new ProblemException(503, `the traceability service answered ${response.status}`);
  return response.json();
}
