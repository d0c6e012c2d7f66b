import { canonicalSha256 } from '../../../standards/src';
import { LedgerParty } from './ebl';
import { LedgerRole } from './roles';

/**
 * The Vessels chaincode contract as both sides see it (issue 21): the
 * registry of ships, their class and statutory certificates, and their crews'
 * certification. Each field is written by the party entitled to it
 * (VESSEL_ACTION_ROLES); the chaincode decides by the tables here and the
 * services and the claims chaincode read the records with `vesselStateAt`, so
 * nobody disagrees on what a record meant at a given time
 * (docs/decisions/0032-vessels-and-crew.md).
 */
export const VESSELS_CONTRACT = 'Vessels';

export const VesselTransaction = {
  register: 'register',
  amendRegistration: 'amendRegistration',
  deregister: 'deregister',
  transferOwnership: 'transferOwnership',
  appointManager: 'appointManager',
  changeClass: 'changeClass',
  recordCertificate: 'recordCertificate',
  withdrawCertificate: 'withdrawCertificate',
  recordSeafarerCertificate: 'recordSeafarerCertificate',
  recordCrewList: 'recordCrewList',
  recordSeafarerCertificateDetails: 'recordSeafarerCertificateDetails',
  readSeafarerCertificateDetails: 'readSeafarerCertificateDetails',
  readVessel: 'readVessel',
  readCrewList: 'readCrewList',
  verifyMasterCertificate: 'verifyMasterCertificate',
} as const;

/** Carries the whole VesselRecord as written to state, after every change. */
export const VesselEvent = {
  changed: 'VesselChanged',
  crewListRecorded: 'CrewListRecorded',
} as const;

/**
 * Where the Vessels contract keeps things (composite key object types). The
 * public records are world state; a seafarer's personal data and the
 * certificate details behind a commitment are in the employing
 * organisation's private collection (`employerCollection`).
 */
export const VESSEL_KEYS = {
  /** [imoNumber] → VesselRecord. */
  vessel: 'vessels.vessel',
  /** [imoNumber, voyageId] → CrewListRecord. */
  crewList: 'vessels.crew-list',
  /** [seafarerId, certificateRef] → SeafarerCertificateRecord. */
  seafarerCertificate: 'vessels.seafarer-certificate',
  /** Private, [seafarerId, certificateRef] → SeafarerCertificateDetails (salt included). */
  seafarerCertificateDetails: 'vessels.seafarer-certificate-details',
} as const;

/** The transient map key of a seafarer's certificate details (`recordSeafarerCertificateDetails`). */
export const SEAFARER_DETAILS_TRANSIENT_KEY = 'details';

/** The private data collection of the organisation that employs a seafarer. */
export function employerCollection(employerMsp: string): string {
  return `${employerMsp}Private`;
}

/** Whether the vessel is on a flag state's register. */
export const VesselStatus = {
  registered: 'REGISTERED',
  /** Closed by its flag state; another flag state may register it again (re-flagging). */
  deregistered: 'DEREGISTERED',
} as const;
export type VesselStatus = (typeof VesselStatus)[keyof typeof VesselStatus];

export const ClassStatus = {
  notClassed: 'NOT_CLASSED',
  inClass: 'IN_CLASS',
  suspended: 'SUSPENDED',
  withdrawn: 'WITHDRAWN',
} as const;
export type ClassStatus = (typeof ClassStatus)[keyof typeof ClassStatus];

/** What a party does to a vessel record; registering a new IMO number is the record's creation. */
export const VesselAction = {
  register: 'REGISTER',
  amendRegistration: 'AMEND_REGISTRATION',
  deregister: 'DEREGISTER',
  transferOwnership: 'TRANSFER_OWNERSHIP',
  appointManager: 'APPOINT_MANAGER',
  assignClass: 'ASSIGN_CLASS',
  confirmClass: 'CONFIRM_CLASS',
  suspendClass: 'SUSPEND_CLASS',
  reinstateClass: 'REINSTATE_CLASS',
  withdrawClass: 'WITHDRAW_CLASS',
  recordCertificate: 'RECORD_CERTIFICATE',
  withdrawCertificate: 'WITHDRAW_CERTIFICATE',
} as const;
export type VesselAction = (typeof VesselAction)[keyof typeof VesselAction];

export type ClassAction =
  | typeof VesselAction.assignClass
  | typeof VesselAction.confirmClass
  | typeof VesselAction.suspendClass
  | typeof VesselAction.reinstateClass
  | typeof VesselAction.withdrawClass;

export const CLASS_ACTIONS: readonly ClassAction[] = [
  VesselAction.assignClass,
  VesselAction.confirmClass,
  VesselAction.suspendClass,
  VesselAction.reinstateClass,
  VesselAction.withdrawClass,
];

/**
 * Who may take each action, and of which organisation: the flag state of the
 * vessel's flag (REGISTER: of the flag it registers under), the vessel's
 * registered owner, the vessel's class society (ASSIGN_CLASS: any class
 * society while the vessel has none in force). Certificates: see
 * CERTIFICATE_ISSUERS.
 */
export const VESSEL_ACTION_ROLES: Readonly<Record<VesselAction, readonly LedgerRole[]>> = {
  REGISTER: [LedgerRole.flagState],
  AMEND_REGISTRATION: [LedgerRole.flagState],
  DEREGISTER: [LedgerRole.flagState],
  TRANSFER_OWNERSHIP: [LedgerRole.shipOwner],
  APPOINT_MANAGER: [LedgerRole.shipOwner],
  ASSIGN_CLASS: [LedgerRole.classSociety],
  CONFIRM_CLASS: [LedgerRole.classSociety],
  SUSPEND_CLASS: [LedgerRole.classSociety],
  REINSTATE_CLASS: [LedgerRole.classSociety],
  WITHDRAW_CLASS: [LedgerRole.classSociety],
  RECORD_CERTIFICATE: [LedgerRole.classSociety, LedgerRole.flagState],
  WITHDRAW_CERTIFICATE: [LedgerRole.classSociety, LedgerRole.flagState],
};

/**
 * The registration table: status before → action → status after; a pair
 * missing is refused. A deregistered vessel keeps its record and history:
 * only a (new) flag state's REGISTER, or its class society withdrawing class,
 * touches it.
 */
export const VESSEL_TRANSITIONS: Readonly<
  Record<VesselStatus, Readonly<Partial<Record<VesselAction, VesselStatus>>>>
> = {
  REGISTERED: {
    AMEND_REGISTRATION: 'REGISTERED',
    DEREGISTER: 'DEREGISTERED',
    TRANSFER_OWNERSHIP: 'REGISTERED',
    APPOINT_MANAGER: 'REGISTERED',
    ASSIGN_CLASS: 'REGISTERED',
    CONFIRM_CLASS: 'REGISTERED',
    SUSPEND_CLASS: 'REGISTERED',
    REINSTATE_CLASS: 'REGISTERED',
    WITHDRAW_CLASS: 'REGISTERED',
    RECORD_CERTIFICATE: 'REGISTERED',
    WITHDRAW_CERTIFICATE: 'REGISTERED',
  },
  DEREGISTERED: {
    REGISTER: 'REGISTERED',
    WITHDRAW_CLASS: 'DEREGISTERED',
  },
};

/**
 * The class table. CONFIRM_CLASS records a survey that found the vessel in
 * class (annual, intermediate, renewal); ASSIGN_CLASS takes a vessel into a
 * society's class (new building, or transfer after the previous society
 * withdrew).
 */
export const CLASS_TRANSITIONS: Readonly<
  Record<ClassStatus, Readonly<Partial<Record<ClassAction, ClassStatus>>>>
> = {
  NOT_CLASSED: { ASSIGN_CLASS: 'IN_CLASS' },
  IN_CLASS: { CONFIRM_CLASS: 'IN_CLASS', SUSPEND_CLASS: 'SUSPENDED', WITHDRAW_CLASS: 'WITHDRAWN' },
  SUSPENDED: { REINSTATE_CLASS: 'IN_CLASS', WITHDRAW_CLASS: 'WITHDRAWN' },
  WITHDRAWN: { ASSIGN_CLASS: 'IN_CLASS' },
};

export function vesselStatusAfter(
  status: VesselStatus,
  action: VesselAction,
): VesselStatus | undefined {
  return VESSEL_TRANSITIONS[status][action];
}

export function classStatusAfter(
  status: ClassStatus,
  action: ClassAction,
): ClassStatus | undefined {
  return CLASS_TRANSITIONS[status][action];
}

export function isClassAction(action: string): action is ClassAction {
  return (CLASS_ACTIONS as readonly string[]).includes(action);
}

/** The vessel's statutory and class certificates the ledger tracks. */
export const VesselCertificateKind = {
  /** Certificate of class, issued by the class society. */
  class: 'CLASS',
  /** ISM Code Safety Management Certificate (SMC). */
  ism: 'ISM',
  /** ISPS Code International Ship Security Certificate (ISSC). */
  isps: 'ISPS',
} as const;
export type VesselCertificateKind =
  (typeof VesselCertificateKind)[keyof typeof VesselCertificateKind];

/**
 * Who issues each kind for a vessel: the class certificate only its class
 * society; ISM and ISPS certificates its flag state, or its class society as
 * the recognised organisation acting for the flag.
 */
export const CERTIFICATE_ISSUERS: Readonly<Record<VesselCertificateKind, readonly LedgerRole[]>> = {
  CLASS: [LedgerRole.classSociety],
  ISM: [LedgerRole.flagState, LedgerRole.classSociety],
  ISPS: [LedgerRole.flagState, LedgerRole.classSociety],
};

/** A company on the record: the organisation whose identities act for it, and its name. */
export interface VesselParty {
  mspId: string;
  /** Registered company name. */
  name: string;
  /** IMO unique company and registered owner identification number (7 digits), when known. */
  imoCompanyNumber?: string;
}

/** A value the record held from `from` until the next period's `from`. */
export interface Period<T> {
  value: T;
  from: string;
}

export interface FlagRegistration {
  /** ISO 3166-1 alpha-2. */
  flag: string;
  /** The organisation of the flag state's registry. */
  flagStateMsp: string;
  portOfRegistry: string;
  /** Open while the vessel is registered under this flag. */
  until?: string;
}

export interface ClassPeriod {
  status: ClassStatus;
  /** The class society's organisation; absent while NOT_CLASSED. */
  societyMsp?: string;
  /** The society's name (e.g. an IACS member's). */
  society?: string;
}

/** One certificate as recorded; the document stays with its holder, the ledger has its SHA-256. */
export interface VesselCertificate {
  kind: VesselCertificateKind;
  /** The certificate's number as printed on it. */
  certificateNumber: string;
  /** SHA-256 (hex) of the document's bytes. */
  documentSha256: string;
  validFrom: string;
  /** Exclusive: the certificate is valid before this instant. */
  validUntil: string;
  issuedBy: LedgerParty;
  recordedAt: string;
  txId: string;
  /** Set when the issuer withdrew it early: invalid from this instant. */
  withdrawnFrom?: string;
}

/** One ledger record of a change: every change to a vessel is one. */
export interface VesselChange {
  action: VesselAction;
  at: string;
  txId: string;
  by: LedgerParty;
  /** When the change took effect, when dated back before the transaction. */
  effectiveFrom?: string;
}

export interface VesselRecord {
  /** Seven digits, check digit valid (libs/standards parseImoNumber). */
  imoNumber: string;
  status: VesselStatus;
  /** Ship's name, written by the flag state; oldest first. */
  names: Period<string>[];
  /** Gross tonnage (ITC 1969), an integer; oldest first. */
  grossTonnages: Period<number>[];
  registrations: Period<FlagRegistration>[];
  owners: Period<VesselParty>[];
  managers: Period<VesselParty>[];
  classes: Period<ClassPeriod>[];
  /** Every certificate ever recorded, oldest first. */
  certificates: VesselCertificate[];
  history: VesselChange[];
}

/** What `register` takes (JSON). The flag is the flag state's certificate's. */
export interface VesselRegistration {
  imoNumber: string;
  name: string;
  grossTonnage: number;
  portOfRegistry: string;
  owner: VesselParty;
  /** When the registration took effect, if before the transaction; never in the future. */
  effectiveFrom?: string;
}

/** What `amendRegistration` takes: the fields the flag state changes. */
export interface RegistrationAmendment {
  name?: string;
  grossTonnage?: number;
  portOfRegistry?: string;
  effectiveFrom?: string;
}

/** What `transferOwnership` and `appointManager` take. */
export interface PartyChange {
  party: VesselParty;
  effectiveFrom?: string;
}

/** What `changeClass` takes. */
export interface ClassChange {
  action: ClassAction;
  /** The society's name; needed by ASSIGN_CLASS. */
  society?: string;
  effectiveFrom?: string;
}

/** What `recordCertificate` takes. */
export interface CertificateRecording {
  kind: VesselCertificateKind;
  certificateNumber: string;
  documentSha256: string;
  validFrom: string;
  validUntil: string;
}

/** What a vessel was at one instant, read from its periods. */
export interface VesselStateAt {
  imoNumber: string;
  at: string;
  /** False before its first registration and while deregistered. */
  registered: boolean;
  name?: string;
  grossTonnage?: number;
  registration?: FlagRegistration;
  owner?: VesselParty;
  manager?: VesselParty;
  classStatus: ClassStatus;
  classSociety?: string;
  classSocietyMsp?: string;
  /** For each kind, the certificate valid at `at`, if any. */
  validCertificates: Partial<Record<VesselCertificateKind, VesselCertificate>>;
}

/** The period in force at `at` (the last one starting at or before it). */
export function periodAt<T>(periods: readonly Period<T>[], at: string): T | undefined {
  let found: T | undefined;
  for (const period of periods) {
    if (period.from <= at) found = period.value;
  }
  return found;
}

export function vesselCertificateValidAt(certificate: VesselCertificate, at: string): boolean {
  const end =
    certificate.withdrawnFrom !== undefined && certificate.withdrawnFrom < certificate.validUntil
      ? certificate.withdrawnFrom
      : certificate.validUntil;
  return certificate.validFrom <= at && at < end;
}

/**
 * The vessel as it stood at `at` (ISO instants compare as strings): the
 * answer a claim's notice asks about the time of loss.
 */
export function vesselStateAt(record: VesselRecord, at: string): VesselStateAt {
  const registration = periodAt(record.registrations, at);
  const registered =
    registration !== undefined && (registration.until === undefined || at < registration.until);
  const classPeriod = periodAt(record.classes, at);
  const validCertificates: Partial<Record<VesselCertificateKind, VesselCertificate>> = {};
  for (const certificate of record.certificates) {
    if (vesselCertificateValidAt(certificate, at))
      validCertificates[certificate.kind] = certificate;
  }
  const name = periodAt(record.names, at);
  const grossTonnage = periodAt(record.grossTonnages, at);
  const owner = periodAt(record.owners, at);
  const manager = periodAt(record.managers, at);
  return {
    imoNumber: record.imoNumber,
    at,
    registered,
    ...(name === undefined ? {} : { name }),
    ...(grossTonnage === undefined ? {} : { grossTonnage }),
    ...(registration === undefined ? {} : { registration }),
    ...(owner === undefined ? {} : { owner }),
    ...(manager === undefined ? {} : { manager }),
    classStatus: classPeriod?.status ?? ClassStatus.notClassed,
    ...(classPeriod?.society === undefined ? {} : { classSociety: classPeriod.society }),
    ...(classPeriod?.societyMsp === undefined ? {} : { classSocietyMsp: classPeriod.societyMsp }),
    validCertificates,
  };
}

// ---------------------------------------------------------------- crew

/** STCW certificates and medical fitness, as the ledger knows them. */
export const SeafarerCertificateKind = {
  /** STCW certificate of competency (regulation II/2 for a master). */
  competency: 'STCW_COC',
  /** Medical fitness certificate (STCW I/9, MLC 1.2). */
  medical: 'MEDICAL_FITNESS',
} as const;
export type SeafarerCertificateKind =
  (typeof SeafarerCertificateKind)[keyof typeof SeafarerCertificateKind];

/** The capacity a certificate of competency qualifies for, and a crew member's rank. */
export const ShipboardCapacity = {
  master: 'MASTER',
  chiefMate: 'CHIEF_MATE',
  officerOfTheWatch: 'OFFICER_OF_THE_WATCH',
  chiefEngineer: 'CHIEF_ENGINEER',
  engineerOfficer: 'ENGINEER_OFFICER',
  rating: 'RATING',
} as const;
export type ShipboardCapacity = (typeof ShipboardCapacity)[keyof typeof ShipboardCapacity];

/**
 * A seafarer's certificate on the public ledger: no personal field. The
 * seafarer is a pseudonym (`seafarerId`, a salted SHA-256 the employer can
 * open); the certificate is a commitment to its details (`commitment`,
 * SHA-256 of the canonical JSON of SeafarerCertificateDetails, salt included),
 * computed by the chaincode from the private data it stores, so the two
 * cannot differ.
 */
export interface SeafarerCertificateRecord {
  seafarerId: string;
  /** The employer's reference for this certificate (not its number). */
  certificateRef: string;
  kind: SeafarerCertificateKind;
  /** For STCW_COC: the capacity it qualifies for. */
  capacity?: ShipboardCapacity;
  validFrom: string;
  /** Exclusive. */
  validUntil: string;
  commitment: string;
  employerMsp: string;
  recordedBy: LedgerParty;
  recordedAt: string;
  txId: string;
}

/**
 * The personal data behind a commitment, in the employer's private collection
 * only. An insurer who is shown it (and the salt) recomputes the commitment.
 */
export interface SeafarerCertificateDetails {
  /** 32 random bytes, hex: makes the commitment unguessable from the details. */
  salt: string;
  seafarerId: string;
  certificateRef: string;
  kind: SeafarerCertificateKind;
  capacity?: ShipboardCapacity;
  validFrom: string;
  validUntil: string;
  familyName: string;
  givenNames: string;
  dateOfBirth: string;
  nationality: string;
  certificateNumber: string;
  issuingAuthority: string;
}

/**
 * The public half of a seafarer's certificate, as `recordSeafarerCertificate`
 * takes it once the details are in the employer's collection: the chaincode
 * checks `commitment` against the collection's hash of the details (every
 * peer holds it) and, on the employer's peers, every field against the details.
 */
export type SeafarerCertificatePublication = Pick<
  SeafarerCertificateRecord,
  'seafarerId' | 'certificateRef' | 'kind' | 'capacity' | 'validFrom' | 'validUntil' | 'commitment'
>;

/** The publication that matches these details. */
export function publicationOf(details: SeafarerCertificateDetails): SeafarerCertificatePublication {
  return {
    seafarerId: details.seafarerId,
    certificateRef: details.certificateRef,
    kind: details.kind,
    ...(details.capacity === undefined ? {} : { capacity: details.capacity }),
    validFrom: details.validFrom,
    validUntil: details.validUntil,
    commitment: certificateCommitment(details),
  };
}

/**
 * What `recordSeafarerCertificateDetails` takes in the transient map (key
 * `details`), endorsed by the employer's peers alone so no other organisation's
 * peer ever receives it.
 */
export type SeafarerCertificateRecording = Omit<SeafarerCertificateDetails, 'seafarerId'> & {
  /**
   * Salt of the seafarer's pseudonym (hex), kept by the employer
   * (`seafarerPseudonym`).
   */
  identitySalt: string;
  /** Passport or seaman's book number: hashed into the pseudonym, never stored. */
  identityDocument: string;
};

/** The seafarer's pseudonym: SHA-256 (hex) of the canonical JSON of the three. */
export function seafarerPseudonym(
  identitySalt: string,
  nationality: string,
  identityDocument: string,
): string {
  return canonicalSha256({ identitySalt, nationality, identityDocument });
}

/**
 * The public commitment to a certificate: SHA-256 of its details' canonical
 * JSON, which is also the hash Fabric keeps of the private value.
 */
export function certificateCommitment(details: SeafarerCertificateDetails): string {
  return canonicalSha256(details);
}

export interface CrewMember {
  seafarerId: string;
  rank: ShipboardCapacity;
}

/** A voyage's crew list, recorded by the vessel's manager (the employer). */
export interface CrewListRecord {
  imoNumber: string;
  voyageId: string;
  /** The crew list applies from `from` until `until` (exclusive; open while absent). */
  from: string;
  until?: string;
  crew: CrewMember[];
  employerMsp: string;
  recordedBy: LedgerParty;
  recordedAt: string;
  txId: string;
}

/** What `recordCrewList` takes (JSON). */
export interface CrewListRecording {
  voyageId: string;
  from: string;
  until?: string;
  crew: CrewMember[];
}

/** Half-open validity: valid from validFrom, before validUntil. */
export function crewCertificateValidAt(
  certificate: Pick<SeafarerCertificateRecord, 'validFrom' | 'validUntil'>,
  at: string,
): boolean {
  return certificate.validFrom <= at && at < certificate.validUntil;
}

/** Whether the crew list was in force at `at`. */
export function crewListCoversAt(
  list: Pick<CrewListRecord, 'from' | 'until'>,
  at: string,
): boolean {
  return list.from <= at && (list.until === undefined || at < list.until);
}

/** The evidence of a verification: the public record whose commitment matched. */
export interface CertificateEvidence {
  certificateRef: string;
  kind: SeafarerCertificateKind;
  capacity?: ShipboardCapacity;
  validFrom: string;
  validUntil: string;
  commitment: string;
  txId: string;
}

export const MasterVerdictReason = {
  certified: 'CERTIFIED',
  noCrewList: 'NO_CREW_LIST',
  noMaster: 'NO_MASTER',
  noCompetency: 'NO_VALID_MASTER_COMPETENCY',
  noMedical: 'NO_VALID_MEDICAL_FITNESS',
} as const;
export type MasterVerdictReason = (typeof MasterVerdictReason)[keyof typeof MasterVerdictReason];

/**
 * "Did the master of vessel V hold a valid certificate at `at`?": yes or no
 * with the commitments it matched, and no personal field.
 */
export interface MasterCertificateVerdict {
  imoNumber: string;
  at: string;
  certified: boolean;
  reason: MasterVerdictReason;
  voyageId?: string;
  /** The master's pseudonym on the crew list. */
  seafarerId?: string;
  evidence: CertificateEvidence[];
}

function evidenceOf(certificate: SeafarerCertificateRecord): CertificateEvidence {
  return {
    certificateRef: certificate.certificateRef,
    kind: certificate.kind,
    ...(certificate.capacity === undefined ? {} : { capacity: certificate.capacity }),
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    commitment: certificate.commitment,
    txId: certificate.txId,
  };
}

/**
 * The verdict from the crew lists of the vessel and the certificates of the
 * master they name: a valid master's certificate of competency and a valid
 * medical fitness certificate at `at`, recorded by the list's employer.
 * Several lists covering `at`: the one
 * that starts last (a later list replaces the earlier one).
 */
export function masterCertificationAt(
  imoNumber: string,
  at: string,
  crewLists: readonly CrewListRecord[],
  certificatesOf: (seafarerId: string) => readonly SeafarerCertificateRecord[],
): MasterCertificateVerdict {
  const list = [...crewLists]
    .filter((l) => l.imoNumber === imoNumber && crewListCoversAt(l, at))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    .pop();
  const base = { imoNumber, at };
  if (list === undefined) {
    return { ...base, certified: false, reason: MasterVerdictReason.noCrewList, evidence: [] };
  }
  const master = list.crew.find((m) => m.rank === ShipboardCapacity.master);
  const onList = { ...base, voyageId: list.voyageId };
  if (master === undefined) {
    return { ...onList, certified: false, reason: MasterVerdictReason.noMaster, evidence: [] };
  }
  // Only the employer who put the seafarer on the list vouches for their certificates.
  const valid = certificatesOf(master.seafarerId).filter(
    (c) => c.employerMsp === list.employerMsp && crewCertificateValidAt(c, at),
  );
  const competency = valid.find(
    (c) => c.kind === SeafarerCertificateKind.competency && c.capacity === ShipboardCapacity.master,
  );
  const medical = valid.find((c) => c.kind === SeafarerCertificateKind.medical);
  const evidence = [competency, medical].flatMap((c) => (c === undefined ? [] : [evidenceOf(c)]));
  const withMaster = { ...onList, seafarerId: master.seafarerId, evidence };
  if (competency === undefined) {
    return { ...withMaster, certified: false, reason: MasterVerdictReason.noCompetency };
  }
  if (medical === undefined) {
    return { ...withMaster, certified: false, reason: MasterVerdictReason.noMedical };
  }
  return { ...withMaster, certified: true, reason: MasterVerdictReason.certified };
}
