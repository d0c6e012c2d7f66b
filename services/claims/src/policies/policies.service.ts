import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CoverPolicyInput,
  CoverPolicyRecord,
  InsurerPolicyView,
  LedgerErrorCode,
  ParametricTrigger,
  PolicyAmounts,
  PolicyPrivateTerms,
  isVesselClause,
  untrustingTemperatureTrigger,
} from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { LedgerRefusalError, problemFromLedger } from '@pujiang/ledger-client';
import { canonicalJson, canonicalSha256, normaliseContainerNumber } from '@pujiang/standards';
import { DataSource } from 'typeorm';
import { ClaimsLedger } from '../claims/claims-ledger';
import { ClaimsPlatform } from '../platform/claims-platform';
import { CreatePolicyDto, TriggerDto } from './create-policy.dto';

/** The policy's terms with its insured and shipment; the ledger's record once it is written. */
type PolicyTerms = CoverPolicyInput & Pick<PolicyPrivateTerms, 'insured' | 'shipment' | 'vessel'>;

export interface StoredPolicy {
  record: PolicyTerms | InsurerPolicyView;
  amounts: PolicyAmounts;
}

/**
 * Writes a policy: the public terms on the channel; the amounts, the insured
 * and the shipment in this insurer's private collection (only their salted
 * hash is public). The
 * amounts and salt are stored first, so a retry after a failure half-way
 * re-sends the very same terms and the ledger steps are idempotent.
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly ledger: ClaimsLedger,
    private readonly platform: ClaimsPlatform,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async create(dto: CreatePolicyDto): Promise<InsurerPolicyView> {
    const insured = this.platform.parties.party(dto.insuredPartyId);
    if (insured === undefined)
      throw new ProblemException(422, `no party ${dto.insuredPartyId} here`);
    if (isVesselClause(dto.clause) !== (dto.vessel !== undefined)) {
      throw new ProblemException(
        400,
        `a policy names a vessel exactly when its clause is ITC_HULLS or P_AND_I (${dto.clause})`,
      );
    }
    const fresh: PolicyAmounts = { ...dto.amounts, salt: randomBytes(16).toString('hex') };
    const input: PolicyTerms = {
      policyId: dto.policyId,
      kind: dto.kind,
      ...(dto.openCoverPolicyId === undefined ? {} : { openCoverPolicyId: dto.openCoverPolicyId }),
      clause: dto.clause,
      insured: insured.ledgerParty,
      currency: dto.currency,
      period: { from: dto.period.from, to: dto.period.to },
      shipment: {
        ...(dto.shipment.eblReference === undefined
          ? {}
          : { eblReference: dto.shipment.eblReference }),
        containers: dto.shipment.containers.map(normaliseContainerNumber),
        lots: dto.shipment.lots,
      },
      parametricTriggers: dto.parametricTriggers.map(toTrigger),
      privateTermsHash: '',
      ...(dto.vessel === undefined
        ? {}
        : {
            vessel: {
              imoNumber: dto.vessel.imoNumber,
              warranties: dto.vessel.warranties,
              tradingLimits: dto.vessel.tradingLimits.map(({ areaId, geometrySha256 }) => ({
                areaId,
                geometrySha256,
              })),
              warRiskAreas: dto.vessel.warRiskAreas.map(({ areaId, geometrySha256 }) => ({
                areaId,
                geometrySha256,
              })),
            },
          }),
    };
    await this.dataSource.query(
      `INSERT INTO cover_policy (policy_id, record, amounts) VALUES ($1, $2::jsonb, $3::jsonb)
       ON CONFLICT (policy_id) DO NOTHING`,
      [input.policyId, JSON.stringify(input), JSON.stringify(fresh)],
    );
    const stored = await this.find(input.policyId);
    if (stored !== undefined && !sameTerms(stored.record, input)) {
      throw new ProblemException(409, `policy ${input.policyId} already exists with other terms`);
    }
    const { insured: insuredParty, shipment, vessel, ...publicTerms } = input;
    const privateTerms: PolicyPrivateTerms = {
      ...(stored?.amounts ?? fresh),
      insured: insuredParty,
      shipment,
      ...(vessel === undefined ? {} : { vessel }),
    };
    const ledgerRecord = await this.onLedger(
      { ...publicTerms, privateTermsHash: canonicalSha256(privateTerms) },
      privateTerms,
    );
    const record: InsurerPolicyView = {
      ...ledgerRecord,
      insured: insuredParty,
      shipment,
      ...(vessel === undefined ? {} : { vessel }),
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE cover_policy SET record = $2::jsonb WHERE policy_id = $1`, [
        record.policyId,
        JSON.stringify(record),
      ]);
      const subjects = [...record.shipment.containers, ...record.shipment.lots];
      await manager.query(
        `INSERT INTO cover_subject (subject, policy_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
        [subjects, record.policyId],
      );
    });
    return record;
  }

  async find(policyId: string): Promise<StoredPolicy | undefined> {
    const rows: StoredPolicy[] = await this.dataSource.query(
      `SELECT record, amounts FROM cover_policy WHERE policy_id = $1`,
      [policyId],
    );
    return rows[0];
  }

  private async onLedger(
    terms: CoverPolicyInput,
    privateTerms: PolicyPrivateTerms,
  ): Promise<CoverPolicyRecord> {
    let record: CoverPolicyRecord;
    try {
      record = await this.ledger.createPolicy(terms);
    } catch (error) {
      const existing =
        error instanceof LedgerRefusalError && error.code === LedgerErrorCode.alreadyExists
          ? await this.ledger.readPolicy(terms.policyId)
          : undefined;
      if (
        existing?.privateTermsHash !== terms.privateTermsHash ||
        existing.insurerMsp !== this.platform.mspId
      ) {
        throw problemFromLedger(error);
      }
      record = existing;
    }
    try {
      await this.ledger.setPolicyPrivateTerms(terms.policyId, canonicalJson(privateTerms));
    } catch (error) {
      throw problemFromLedger(error);
    }
    return record;
  }
}

/** The terms the caller controls, whatever the ledger added and whichever salt was drawn. */
const TERMS = [
  'policyId',
  'kind',
  'openCoverPolicyId',
  'clause',
  'insured',
  'currency',
  'period',
  'shipment',
  'parametricTriggers',
  'vessel',
] as const;

function sameTerms(a: PolicyTerms, b: PolicyTerms): boolean {
  const terms = (p: PolicyTerms) =>
    canonicalJson(Object.fromEntries(TERMS.map((key) => [key, p[key]])));
  return terms(a) === terms(b);
}

function toTrigger(dto: TriggerDto): ParametricTrigger {
  if (dto.kind === 'TEMPERATURE') {
    if (
      dto.minCelsiusTenths === undefined ||
      dto.maxCelsiusTenths === undefined ||
      dto.minDurationMinutes === undefined
    ) {
      throw new ProblemException(
        400,
        `trigger ${dto.triggerId}: a TEMPERATURE trigger needs minCelsiusTenths, maxCelsiusTenths and minDurationMinutes`,
      );
    }
    const untrusting = untrustingTemperatureTrigger(dto);
    if (untrusting !== undefined) {
      throw new ProblemException(400, `trigger ${dto.triggerId}: ${untrusting}`);
    }
    return {
      triggerId: dto.triggerId,
      kind: 'TEMPERATURE',
      minCelsiusTenths: dto.minCelsiusTenths,
      maxCelsiusTenths: dto.maxCelsiusTenths,
      minDurationMinutes: dto.minDurationMinutes,
      ...(dto.trustedDevices === undefined ? {} : { trustedDevices: dto.trustedDevices }),
      ...(dto.trustedOwners === undefined ? {} : { trustedOwners: dto.trustedOwners }),
    };
  }
  if (dto.kind === 'VESSEL_ARRIVAL') {
    if (dto.portArea === undefined || dto.etaAt === undefined || dto.graceHours === undefined) {
      throw new ProblemException(
        400,
        `trigger ${dto.triggerId}: a VESSEL_ARRIVAL trigger needs portArea, etaAt and graceHours`,
      );
    }
    return {
      triggerId: dto.triggerId,
      kind: 'VESSEL_ARRIVAL',
      portArea: { areaId: dto.portArea.areaId, geometrySha256: dto.portArea.geometrySha256 },
      etaAt: dto.etaAt,
      graceHours: dto.graceHours,
    };
  }
  if (dto.etaDate === undefined || dto.graceDays === undefined) {
    throw new ProblemException(
      400,
      `trigger ${dto.triggerId}: a LATE_ARRIVAL trigger needs etaDate and graceDays`,
    );
  }
  return {
    triggerId: dto.triggerId,
    kind: 'LATE_ARRIVAL',
    etaDate: dto.etaDate,
    graceDays: dto.graceDays,
  };
}
