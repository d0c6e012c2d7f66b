import { Injectable, Logger } from '@nestjs/common';
import {
  ClaimDocumentInput,
  ClaimFingerprints,
  ClaimNoticeInput,
  ClaimRecord,
  LedgerErrorCode,
} from '@pujiang/contracts';
import { LedgerRefusalError } from '@pujiang/ledger-client';
import { EntityManager } from 'typeorm';
import { ClaimStore } from '../claims/claim.store';
import { ClaimsLedger } from '../claims/claims-ledger';

/** A claim a fired trigger opens: the notice, its fingerprints, and the evidence document. */
export interface TriggeredClaim {
  notice: ClaimNoticeInput & { parametric: NonNullable<ClaimNoticeInput['parametric']> };
  fingerprints: ClaimFingerprints;
  document: ClaimDocumentInput & { name: string };
  /** What the insurer's file keeps of the evidence: its bytes (if it holds them) and its JSON. */
  content: Buffer | null;
  evidence: object;
}

/**
 * Opens the claim of a fired parametric trigger, signed by the insurer, with
 * its evidence; at most once, whatever the redeliveries: the claim id comes
 * from (policy, trigger), a claim already filed is left alone, and one an
 * earlier delivery got onto the ledger is read back from it and completed.
 */
@Injectable()
export class ParametricClaims {
  private readonly logger = new Logger(ParametricClaims.name);

  constructor(
    private readonly ledger: ClaimsLedger,
    private readonly store: ClaimStore,
  ) {}

  async open(manager: EntityManager, claim: TriggeredClaim): Promise<void> {
    const { claimId, policyId } = claim.notice;
    if ((await this.store.find(manager, claimId)) !== undefined) return;
    let record = await this.noticed(claim);
    // A delivery that stopped between the two transactions left the claim without its
    // evidence: add it now, or the ledger would never hold what the file claims.
    if (!record.documents.some((d) => d.sha256 === claim.document.sha256)) {
      record = await this.ledger.addDocument('insurer', claimId, claim.document);
    }
    await manager.query(
      `INSERT INTO claim_document (claim_id, sha256, kind, name, media_type, content, evidence)
       VALUES ($1, $2, $3, $4, 'application/json', $5, $6::jsonb) ON CONFLICT DO NOTHING`,
      [
        claimId,
        claim.document.sha256,
        claim.document.kind,
        claim.document.name,
        claim.content,
        JSON.stringify(claim.evidence),
      ],
    );
    await this.store.applyRecord(manager, record, { damageApparent: false, suitExtensions: [] });
    this.logger.log(
      { claimId, policyId, trigger: claim.notice.parametric.triggerId },
      'parametric claim opened',
    );
  }

  /** The claim noticed on the ledger, or read back if an earlier delivery noticed it. */
  private async noticed(claim: TriggeredClaim): Promise<ClaimRecord> {
    try {
      return await this.ledger.notifyLoss('insurer', claim.notice, claim.fingerprints);
    } catch (error) {
      if (!(error instanceof LedgerRefusalError && error.code === LedgerErrorCode.alreadyExists))
        throw error;
      const existing = await this.ledger.readClaim(claim.notice.claimId);
      if (existing === undefined) throw error;
      return existing;
    }
  }
}
