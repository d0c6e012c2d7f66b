import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ClaimAction,
  ClaimDisclosure,
  ClaimDocumentKind,
  ClaimRecord,
  ClaimRole as LedgerClaimRole,
  LedgerErrorCode,
  claimTransitionFor,
} from '@pujiang/contracts';
import { Principal } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { LedgerRefusalError, problemFromLedger } from '@pujiang/ledger-client';
import {
  ContainerNumberError,
  normaliseContainerNumber,
  parseContainerNumber,
} from '@pujiang/standards';
import { DataSource } from 'typeorm';
import { claimCapacities, fingerprints, noticeClaimId, settle } from '../domain';
import { ClaimsPlatform } from '../platform/claims-platform';
import { PoliciesService } from '../policies/policies.service';
import {
  ClaimActionDto,
  ClaimDisclosureDto,
  ClaimDocumentDto,
  NoticeDto,
} from './claim-requests.dto';
import { ledgerArguments } from './claim-arguments';
import { ClaimsLedger, Signer } from './claims-ledger';
import { ClaimStore, StoredClaim } from './claim.store';

/**
 * The claim file: notices, steps and documents, each decided by the Claims
 * chaincode under the identity of whoever acts (claimant, surveyor, or the
 * insurer's operator identity), then mirrored in the read model.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly ledger: ClaimsLedger,
    private readonly store: ClaimStore,
    private readonly policies: PoliciesService,
    private readonly platform: ClaimsPlatform,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** With an Idempotency-Key the claim id comes from it, so a retry can only find the same claim. */
  async notify(
    principal: Principal,
    notice: NoticeDto,
    idempotencyKey?: string,
  ): Promise<ClaimRecord> {
    const claimant = this.platform.actingParty(principal, 'claims:claimant');
    const claimId =
      idempotencyKey === undefined
        ? randomUUID()
        : noticeClaimId(claimant.ledgerParty, idempotencyKey);
    const containers = checkedContainers(notice.containers);
    const vessel =
      notice.lossAt === undefined
        ? undefined
        : (await this.policies.find(notice.policyId))?.record.vessel;
    if (containers.length === 0 && vessel === undefined) {
      throw new ProblemException(
        400,
        notice.lossAt === undefined
          ? 'a notice of cargo loss names at least one container'
          : `a notice with lossAt is for a vessel policy, and ${notice.policyId} is not a vessel policy of this insurer`,
      );
    }
    const marks = fingerprints(
      {
        ...(notice.eblReference === undefined ? {} : { eblReference: notice.eblReference }),
        containers,
        ...(vessel === undefined ? {} : { imoNumber: vessel.imoNumber }),
        lossDate: notice.lossDate,
      },
      this.platform.fingerprintKey,
    );
    let record: ClaimRecord;
    try {
      record = await this.ledger.notifyLoss(
        claimant,
        {
          claimId,
          policyId: notice.policyId,
          peril: notice.peril,
          lossDate: notice.lossDate,
          discoveredDate: notice.discoveredDate,
          ...(notice.lossAt === undefined ? {} : { lossAt: notice.lossAt }),
          place: notice.place,
          containers,
          ...(notice.eblReference === undefined ? {} : { eblReference: notice.eblReference }),
          claimedAmount: notice.claimedAmount,
          currency: notice.currency,
        },
        marks,
      );
    } catch (error) {
      const earlier =
        idempotencyKey === undefined ? undefined : await this.earlierNotice(error, claimId, notice);
      if (earlier === undefined) throw problemFromLedger(error);
      record = earlier;
    }
    await this.store.applyRecord(this.dataSource.manager, record, {
      ...(notice.deliveredAt === undefined ? {} : { deliveredAt: notice.deliveredAt }),
      damageApparent: notice.damageApparent ?? false,
      suitExtensions: [],
    });
    return record;
  }

  /**
   * The claim an earlier attempt of this keyed notice filed, when the ledger committed it but
   * its answer never reached us (the ledger then refuses the same claim id as ALREADY_EXISTS).
   */
  private async earlierNotice(
    error: unknown,
    claimId: string,
    notice: NoticeDto,
  ): Promise<ClaimRecord | undefined> {
    if (!(error instanceof LedgerRefusalError) || error.code !== LedgerErrorCode.alreadyExists) {
      return undefined;
    }
    let filed: ClaimRecord | undefined;
    try {
      filed = await this.ledger.readClaim(claimId);
    } catch (readError) {
      throw problemFromLedger(readError);
    }
    const same =
      filed?.policyId === notice.policyId &&
      filed.peril === notice.peril &&
      filed.lossDate === notice.lossDate;
    return same ? filed : undefined;
  }

  async act(principal: Principal, claimId: string, dto: ClaimActionDto): Promise<ClaimRecord> {
    const { record } = await this.visible(principal, claimId);
    const signer = this.signerFor(principal, record, dto.action);
    let { recipient, detail } = ledgerArguments(dto);
    if (dto.action === ClaimAction.assignSurveyor) {
      const surveyor = this.platform.parties.party(dto.surveyorPartyId ?? '');
      if (surveyor === undefined || !surveyor.roles.includes('claims:surveyor')) {
        throw new ProblemException(422, 'surveyorPartyId must name a surveyor of this insurer');
      }
      recipient = surveyor.ledgerParty;
    }
    if (dto.action === ClaimAction.requestPayment) detail = await this.settlementOf(record);
    let changed: ClaimRecord;
    try {
      changed = await this.ledger.act(signer, claimId, dto.action, recipient, detail);
    } catch (error) {
      throw problemFromLedger(error);
    }
    await this.store.applyRecord(this.dataSource.manager, changed);
    return changed;
  }

  /**
   * The claim's insurer discloses private fields of it to the regulator; the
   * ledger records the disclosure (decision 0035). Anyone else who may see the
   * claim is refused 403; anyone who may not, 404.
   */
  async disclose(
    principal: Principal,
    claimId: string,
    dto: ClaimDisclosureDto,
  ): Promise<ClaimDisclosure> {
    const { capacities } = await this.visible(principal, claimId);
    if (!capacities.includes(LedgerClaimRole.insurer)) {
      throw new ProblemException(403, 'only the claim’s insurer discloses it to the regulator');
    }
    try {
      return await this.ledger.discloseToRegulator(claimId, dto.fields);
    } catch (error) {
      throw problemFromLedger(error);
    }
  }

  async addDocument(
    principal: Principal,
    claimId: string,
    dto: ClaimDocumentDto,
  ): Promise<ClaimRecord> {
    const content = Buffer.from(dto.contentBase64, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.attach(principal, claimId, {
      kind: dto.kind,
      name: dto.name,
      mediaType: dto.mediaType,
      sha256,
      content,
    });
  }

  /** Records a document's checksum on the ledger, then keeps the document itself here. */
  async attach(
    principal: Principal,
    claimId: string,
    doc: {
      kind: ClaimDocumentKind;
      name: string;
      mediaType: string;
      sha256: string;
      content?: Buffer;
      evidence?: unknown;
      reference?: string;
    },
  ): Promise<ClaimRecord> {
    const { record } = await this.visible(principal, claimId);
    const signer = this.documentSigner(principal, record);
    let changed: ClaimRecord;
    try {
      changed = await this.ledger.addDocument(signer, claimId, {
        kind: doc.kind,
        sha256: doc.sha256,
        name: doc.name,
        ...(doc.reference === undefined ? {} : { reference: doc.reference }),
      });
    } catch (error) {
      throw problemFromLedger(error);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO claim_document (claim_id, sha256, kind, name, media_type, content, evidence)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT DO NOTHING`,
        [
          claimId,
          doc.sha256,
          doc.kind,
          doc.name,
          doc.mediaType,
          doc.content ?? null,
          doc.evidence === undefined ? null : JSON.stringify(doc.evidence),
        ],
      );
      await this.store.applyRecord(manager, changed);
    });
    return changed;
  }

  /** The claim if the caller may see it; 404 alike for absent and not theirs. */
  async visible(
    principal: Principal,
    claimId: string,
  ): Promise<StoredClaim & { capacities: LedgerClaimRole[] }> {
    const stored = await this.store.find(this.dataSource.manager, claimId);
    const capacities = stored === undefined ? [] : this.capacitiesOf(principal, stored.record);
    if (stored === undefined || capacities.length === 0) {
      throw new ProblemException(404, `no claim ${claimId} for this caller`);
    }
    return { ...stored, capacities };
  }

  async list(principal: Principal): Promise<ClaimRecord[]> {
    const insurer =
      principal.roles.includes('claims:insurer') && principal.organisation === this.platform.mspId;
    const party = this.viewerParty(principal);
    const all = await this.store.visibleTo(this.dataSource.manager, {
      ...(insurer ? { insurerMsp: this.platform.mspId } : {}),
      ...(party === undefined ? {} : { ledgerParty: party }),
    });
    return all.filter((claim) => this.capacitiesOf(principal, claim).length > 0);
  }

  /**
   * Parties are compared as the ledger names them (organisation and
   * certificate), never by directory id alone: another insurer's `consignee`
   * is not ours.
   */
  private capacitiesOf(principal: Principal, record: ClaimRecord): LedgerClaimRole[] {
    const viewer = { ...principal, party: this.viewerParty(principal) ?? '' };
    return claimCapacities(viewer, {
      insurerMsp: record.insurerMsp,
      claimant: record.claimant,
      ...(record.surveyor === undefined ? {} : { surveyor: record.surveyor }),
    });
  }

  private viewerParty(principal: Principal): string | undefined {
    return this.platform.parties.actingParty(principal)?.ledgerParty;
  }

  /** Who signs a step: the role the transition table names for it now, if the caller holds it. */
  private signerFor(principal: Principal, record: ClaimRecord, action: ClaimAction): Signer {
    const by = claimTransitionFor(action, record.status)?.by;
    if (by === LedgerClaimRole.claimant)
      return this.platform.actingParty(principal, 'claims:claimant');
    if (by === LedgerClaimRole.surveyor)
      return this.platform.actingParty(principal, 'claims:surveyor');
    if (by === LedgerClaimRole.insurer) {
      this.platform.requireInsurer(principal);
      return 'insurer';
    }
    // Not allowed in this state: let the chaincode say so, signed by the caller's own capacity.
    return principal.roles.includes('claims:insurer')
      ? 'insurer'
      : this.platform.actingParty(principal, principal.roles[0] ?? '');
  }

  private documentSigner(principal: Principal, record: ClaimRecord): Signer {
    if (principal.roles.includes('claims:insurer') && principal.organisation === record.insurerMsp)
      return 'insurer';
    const role = principal.roles.includes('claims:surveyor')
      ? 'claims:surveyor'
      : 'claims:claimant';
    return this.platform.actingParty(principal, role);
  }

  /** What the insurer pays now: the approved amount within the sum insured, less the deductible and what was paid. */
  private async settlementOf(record: ClaimRecord): Promise<string> {
    const policy = await this.policies.find(record.policyId);
    if (policy === undefined)
      throw new ProblemException(409, `policy ${record.policyId} is not this insurer's`);
    const { payable } = settle({
      claimed: BigInt(record.claimedAmount),
      approved: BigInt(record.approvedAmount ?? record.claimedAmount),
      sumInsured: BigInt(policy.amounts.sumInsured),
      deductible: BigInt(policy.amounts.deductible),
    });
    const due = payable - BigInt(record.paidAmount);
    if (due <= 0n)
      throw new ProblemException(
        409,
        'nothing is payable after the deductible and earlier payments',
      );
    return due.toString();
  }
}

/**
 * The notice's containers, normalised, each a valid ISO 6346 number: the
 * fingerprints that find duplicate claims are computed from them before the
 * ledger (which checks them too) is asked.
 */
function checkedContainers(containers: string[]): string[] {
  const normalised = containers.map(normaliseContainerNumber);
  const problems = normalised.flatMap((container, i) => {
    try {
      parseContainerNumber(container);
      return [];
    } catch (error) {
      if (!(error instanceof ContainerNumberError)) throw error;
      return [{ pointer: `/containers/${i}`, detail: error.message }];
    }
  });
  if (problems.length > 0) {
    throw new ProblemException(
      400,
      'The notice names containers that are not ISO 6346 numbers',
      'https://pujiang.dev/problems/validation',
      problems,
    );
  }
  return normalised;
}
