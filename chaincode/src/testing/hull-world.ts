import {
  AreaReference,
  ClaimNoticeInput,
  CoverPolicyInput,
  CrewListRecord,
  PolicyPrivateTerms,
  SeafarerCertificateRecord,
  VESSEL_KEYS,
  VesselCertificate,
  VesselCover,
  VesselRecord,
  VoyageEventInput,
  VoyageEventRecord,
  LedgerRole,
  Warranty,
} from '../../../libs/contracts/src/ledger';
import { canonicalJson } from '../../../libs/standards/src';
import { VoyagesContract } from '../voyages/voyages.contract';
import { ClaimsWorld, HASH, ORG1, people } from './claims-world';
import { Person, partyOf, person } from './people';

/** An IMO number with a valid check digit (9·7 + 0·6 + 7·5 + 4·4 + 7·3 + 2·2 = 139). */
export const IMO = '9074729';
export const MMSI = '477123400';
export const HULL_POLICY_ID = 'HULL-2026-0001';
export const MASTER_ID = HASH('master pseudonym');

export const hullPeople = {
  /** Org1's positions feed: its platform service. */
  feed: person('Platform', ORG1, LedgerRole.platformOperator),
  /** The ship manager's identity (employs the crew). */
  manager: person('ShipManager', ORG1, LedgerRole.shipManager),
} as const;

export const AREAS: Record<'gulf' | 'northSea' | 'rotterdam', AreaReference> = {
  gulf: { areaId: 'JWC-GULF-OF-ADEN', geometrySha256: HASH('gulf geometry') },
  northSea: { areaId: 'IWL-NORTH-EUROPE', geometrySha256: HASH('north europe geometry') },
  rotterdam: { areaId: 'NLRTM', geometrySha256: HASH('rotterdam geometry') },
};

export const ALL_WARRANTIES: Warranty[] = Object.values(Warranty);

export function vesselCover(overrides: Partial<VesselCover> = {}): VesselCover {
  return {
    imoNumber: IMO,
    warranties: ALL_WARRANTIES,
    tradingLimits: [AREAS.northSea],
    warRiskAreas: [AREAS.gulf],
    ...overrides,
  };
}

/** Private terms of a hull policy: the ship, no containers or lots. */
export function hullTerms(vessel: VesselCover = vesselCover()): Partial<PolicyPrivateTerms> {
  return { shipment: { containers: [], lots: [] }, vessel };
}

export function hullPolicyInput(
  overrides: Partial<CoverPolicyInput> = {},
): Partial<CoverPolicyInput> {
  return {
    policyId: HULL_POLICY_ID,
    kind: 'TIME',
    clause: 'ITC_HULLS',
    parametricTriggers: [],
    ...overrides,
  };
}

export function certificate(overrides: Partial<VesselCertificate> = {}): VesselCertificate {
  return {
    kind: 'ISM',
    certificateNumber: 'SMC-0042',
    documentSha256: HASH('smc document'),
    validFrom: '2021-11-15T00:00:00.000Z',
    validUntil: '2026-11-15T00:00:00.000Z',
    issuedBy: 'x509::Org1MSP::ClassSociety@org1.pujiang.test',
    recordedAt: '2021-11-15T09:00:00.000Z',
    txId: 'tx-ism-2021',
    ...overrides,
  };
}

/** A registered vessel in class, with the certificates given (an ISM valid through 2027 by default). */
export function vesselRecord(overrides: Partial<VesselRecord> = {}): VesselRecord {
  const party = { mspId: ORG1, name: 'Pujiang Shipowning Ltd' };
  return {
    imoNumber: IMO,
    status: 'REGISTERED',
    names: [{ value: 'PUJIANG PIONEER', from: '2020-01-01T00:00:00.000Z' }],
    grossTonnages: [{ value: 41000, from: '2020-01-01T00:00:00.000Z' }],
    registrations: [
      {
        value: { flag: 'PA', flagStateMsp: 'Org2MSP', portOfRegistry: 'Panama' },
        from: '2020-01-01T00:00:00.000Z',
      },
    ],
    owners: [{ value: party, from: '2020-01-01T00:00:00.000Z' }],
    managers: [{ value: party, from: '2020-01-01T00:00:00.000Z' }],
    classes: [
      {
        value: { status: 'IN_CLASS', societyMsp: ORG1, society: 'Pujiang Register' },
        from: '2020-01-01T00:00:00.000Z',
      },
    ],
    certificates: [certificate({ validUntil: '2027-11-15T00:00:00.000Z' })],
    history: [
      {
        action: 'ASSIGN_CLASS',
        at: '2020-01-01T00:00:00.000Z',
        txId: 'tx-class-2020',
        by: 'x509::Org1MSP::ClassSociety@org1.pujiang.test',
      },
    ],
    ...overrides,
  };
}

export function crewList(overrides: Partial<CrewListRecord> = {}): CrewListRecord {
  return {
    imoNumber: IMO,
    voyageId: 'V2026-11',
    from: '2026-11-01T00:00:00.000Z',
    crew: [{ seafarerId: MASTER_ID, rank: 'MASTER' }],
    employerMsp: ORG1,
    recordedBy: partyOf(hullPeople.manager),
    recordedAt: '2026-11-01T00:00:00.000Z',
    txId: 'tx-crew',
    ...overrides,
  };
}

export function seafarerCertificate(
  overrides: Partial<SeafarerCertificateRecord> = {},
): SeafarerCertificateRecord {
  return {
    seafarerId: MASTER_ID,
    certificateRef: 'COC-1',
    kind: 'STCW_COC',
    capacity: 'MASTER',
    validFrom: '2024-01-01T00:00:00.000Z',
    validUntil: '2029-01-01T00:00:00.000Z',
    commitment: HASH('coc details'),
    employerMsp: ORG1,
    recordedBy: partyOf(hullPeople.manager),
    recordedAt: '2024-01-01T00:00:00.000Z',
    txId: 'tx-coc',
    ...overrides,
  };
}

export const MEDICAL = (): SeafarerCertificateRecord =>
  seafarerCertificate({
    certificateRef: 'MED-1',
    kind: 'MEDICAL_FITNESS',
    capacity: undefined,
    commitment: HASH('medical details'),
    txId: 'tx-medical',
  });

export function voyageEvent(overrides: Partial<VoyageEventInput> = {}): VoyageEventInput {
  return {
    imoNumber: IMO,
    mmsi: MMSI,
    kind: 'ENTERED_WAR_RISK_AREA',
    area: AREAS.gulf,
    at: '2026-11-18T04:00:00.000Z',
    position: { latitude: '12.5', longitude: '45.25' },
    evidenceSha256: HASH('aivdm sentences'),
    ...overrides,
  };
}

/**
 * The claims world with what the Vessels contract would have written (the
 * vessel, its crew lists and the master's certificates, as state under
 * VESSEL_KEYS) and the real Voyages contract for voyage events.
 */
export class HullWorld extends ClaimsWorld {
  readonly voyages = new VoyagesContract();

  putVessel(record: VesselRecord = vesselRecord()): void {
    this.put([VESSEL_KEYS.vessel, record.imoNumber], record);
  }

  putCrewList(list: CrewListRecord = crewList()): void {
    this.put([VESSEL_KEYS.crewList, list.imoNumber, list.voyageId], list);
  }

  putSeafarerCertificate(record: SeafarerCertificateRecord): void {
    this.put([VESSEL_KEYS.seafarerCertificate, record.seafarerId, record.certificateRef], record);
  }

  /** A vessel in class with a valid ISM, a crew list and a certified master. */
  putCompliantVessel(): void {
    this.putVessel();
    this.putCrewList();
    this.putSeafarerCertificate(seafarerCertificate());
    this.putSeafarerCertificate(MEDICAL());
  }

  async recordVoyageEvent(
    input: VoyageEventInput = voyageEvent(),
    by: Person = hullPeople.feed,
  ): Promise<VoyageEventRecord> {
    const json = await this.voyages.recordVoyageEvent(this.ctx(by), JSON.stringify(input));
    return JSON.parse(json) as VoyageEventRecord;
  }

  async createHullPolicy(
    overrides: Partial<CoverPolicyInput> = {},
    vessel: VesselCover = vesselCover(),
  ): Promise<void> {
    await this.createPolicy(hullPolicyInput(overrides), people.insurer, hullTerms(vessel));
  }

  private put([type, ...attributes]: string[], value: object): void {
    const key = `\u0000${type}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`;
    this.ledger.state.set(key, Buffer.from(canonicalJson(value)));
  }
}

/** A notice of grounding under the hull policy, lost on 2026-11-20 at 06:30 UTC. */
export const GROUNDING: Partial<ClaimNoticeInput> & { lossAt: string } = {
  policyId: HULL_POLICY_ID,
  peril: 'STRANDING',
  lossDate: '2026-11-20',
  lossAt: '2026-11-20T06:30:00.000Z',
  discoveredDate: '2026-11-20',
  place: 'Hook of Holland',
  containers: [],
  eblReference: undefined,
};
