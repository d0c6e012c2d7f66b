import { LedgerParty } from './ebl';
import { VesselClause, VesselCover, Warranty, WarrantyBreach } from './hull';
import { AreaReference } from './voyages';

/**
 * The Claims chaincode contract as both sides see it: the chaincode decides
 * every step of a marine cargo claim with CLAIM_TRANSITIONS and the peril
 * table below; the claims service reads the same data to offer only the
 * actions and perils that can succeed.
 */
export const CLAIMS_CONTRACT = 'Claims';

export const ClaimsTransaction = {
  createPolicy: 'createPolicy',
  setPolicyPrivateTerms: 'setPolicyPrivateTerms',
  readPolicy: 'readPolicy',
  readPolicyPrivateTerms: 'readPolicyPrivateTerms',
  notifyLoss: 'notifyLoss',
  registerClaim: 'registerClaim',
  act: 'act',
  addDocument: 'addDocument',
  readClaim: 'readClaim',
  /** The claim's insurer copies named fields of a claim to the regulator (decision 0035). */
  discloseToRegulator: 'discloseToRegulator',
  /** The public part of a claim (ClaimStub), with its disclosures: any member may read it. */
  readClaimStub: 'readClaimStub',
  /** The regulator reads what one recorded disclosure gave it. */
  readDisclosure: 'readDisclosure',
} as const;

/**
 * Fabric keeps one event per transaction, and every member of the channel
 * receives it. `changed` carries a ClaimChangedEvent; `duplicateSuspected`
 * carries a DuplicateClaimSuspectedEvent. Neither says anything about money,
 * parties or goods: a listener reads the claims it is concerned with back.
 */
export const ClaimsEvent = {
  changed: 'ClaimChanged',
  duplicateSuspected: 'DuplicateClaimSuspected',
  /** Carries a ClaimDisclosedEvent: who disclosed which fields of which claim to whom, when; no value. */
  disclosedToRegulator: 'ClaimDisclosedToRegulator',
} as const;

/** Keys of the proposal's transient map (never written to the block). */
export const ClaimsTransientKey = {
  /** setPolicyPrivateTerms: the canonical JSON of PolicyPrivateTerms whose SHA-256 is the policy's privateTermsHash. */
  privateTerms: 'privateTerms',
  /** notifyLoss: the JSON of ClaimNotice (the notice and its salt). */
  notice: 'notice',
  /** registerClaim: the JSON of ClaimFingerprints, kept out of the block so it cannot be replayed. */
  fingerprints: 'fingerprints',
  /** act: the JSON of ClaimStepArguments. */
  step: 'step',
  /** addDocument: the JSON of ClaimDocumentInput. */
  document: 'document',
} as const;

/**
 * What an insurer has disclosed to the regulator, defined in
 * chaincode/collections_config.json: held by the regulator's peers only, read
 * by the regulator's identities only, written on the insurer's peer alone
 * (decision 0035).
 */
export function regulatorDisclosureCollection(insurerMsp: string): string {
  return `${insurerMsp}ForRegulator`;
}

/** The private fields of a claim its insurer may disclose to the regulator. */
export const DISCLOSABLE_CLAIM_FIELDS = [
  'claimant',
  'peril',
  'lossDate',
  'discoveredDate',
  'place',
  'containers',
  'eblReference',
  'claimedAmount',
  'currency',
  'survey',
  'approvedAmount',
  'rejectionReason',
  'settlementAmount',
  'paidAmount',
  'recoveredAmount',
] as const;
export type DisclosableClaimField = (typeof DISCLOSABLE_CLAIM_FIELDS)[number];

/**
 * One disclosure, public in the claim's stub: who disclosed which fields to
 * which regulator, in which transaction and when. The values are in the
 * regulator's collection only.
 */
export interface ClaimDisclosure {
  regulatorMsp: string;
  fields: DisclosableClaimField[];
  /** The insurer's identity that signed it, as a ledger party. */
  disclosedBy: string;
  txId: string;
  at: string;
}

/** Payload of ClaimsEvent.disclosedToRegulator. */
export interface ClaimDisclosedEvent extends ClaimDisclosure {
  claimId: string;
  insurerMsp: string;
}

/** What the regulator reads for one disclosure: the public record and the values it gave. */
export interface DisclosedClaim {
  claimId: string;
  insurerMsp: string;
  disclosure: ClaimDisclosure;
  /** Each disclosed field as the claim held it then; an unset field is absent. */
  values: Partial<Record<DisclosableClaimField, unknown>>;
}

/** The insurer's own private data collection, defined in chaincode/collections_config.json. */
export function insurerCollection(insurerMsp: string): string {
  return `${insurerMsp}Private`;
}

export const ClaimStatus = {
  notified: 'NOTIFIED',
  documentsPending: 'DOCUMENTS_PENDING',
  underAssessment: 'UNDER_ASSESSMENT',
  surveyorAssigned: 'SURVEYOR_ASSIGNED',
  surveyReported: 'SURVEY_REPORTED',
  approved: 'APPROVED',
  partiallyApproved: 'PARTIALLY_APPROVED',
  rejected: 'REJECTED',
  paymentPending: 'PAYMENT_PENDING',
  paid: 'PAID',
  subrogationOpen: 'SUBROGATION_OPEN',
  recovered: 'RECOVERED',
  timeBarred: 'TIME_BARRED',
  closed: 'CLOSED',
  withdrawn: 'WITHDRAWN',
  reopened: 'REOPENED',
  fraudHold: 'FRAUD_HOLD',
} as const;
export type ClaimStatus = (typeof ClaimStatus)[keyof typeof ClaimStatus];

/** What a party does to a claim after the notice of loss. */
export const ClaimAction = {
  requestDocuments: 'REQUEST_DOCUMENTS',
  submitDocuments: 'SUBMIT_DOCUMENTS',
  startAssessment: 'START_ASSESSMENT',
  assignSurveyor: 'ASSIGN_SURVEYOR',
  reportSurvey: 'REPORT_SURVEY',
  approve: 'APPROVE',
  approvePartially: 'APPROVE_PARTIALLY',
  reject: 'REJECT',
  requestPayment: 'REQUEST_PAYMENT',
  confirmPayment: 'CONFIRM_PAYMENT',
  openSubrogation: 'OPEN_SUBROGATION',
  recordRecovery: 'RECORD_RECOVERY',
  timeBar: 'TIME_BAR',
  close: 'CLOSE',
  withdraw: 'WITHDRAW',
  reopen: 'REOPEN',
  holdForFraud: 'HOLD_FOR_FRAUD',
  releaseFraudHold: 'RELEASE_FRAUD_HOLD',
} as const;
export type ClaimAction = (typeof ClaimAction)[keyof typeof ClaimAction];

/** Who may take an action, relative to the claim. */
export const ClaimRole = {
  /** The insurer's claims service: its MSP's identity with `pujiang.role=insurer`. */
  insurer: 'INSURER',
  /** The party the insurer assigned (ASSIGN_SURVEYOR), by ledger party. */
  surveyor: 'SURVEYOR',
  /** The party that gave notice of loss (the insured, for a parametric claim). */
  claimant: 'CLAIMANT',
} as const;
export type ClaimRole = (typeof ClaimRole)[keyof typeof ClaimRole];

export interface ClaimTransition {
  action: ClaimAction;
  from: ClaimStatus;
  to: ClaimStatus;
  by: ClaimRole;
}

const S = ClaimStatus;
const A = ClaimAction;
const R = ClaimRole;

/** Rows for one action taken from several statuses to the same status. */
function fromEach(
  action: ClaimAction,
  from: readonly ClaimStatus[],
  to: ClaimStatus,
  by: ClaimRole,
): ClaimTransition[] {
  return from.map((status) => ({ action, from: status, to, by }));
}

/** The outcomes an assessment can end in, from a desk assessment or after a survey. */
const DECIDABLE = [S.underAssessment, S.surveyReported];

/**
 * Statuses a claim may be held in for suspected fraud: everything from the
 * notice until the payment is made. Not REJECTED (there is nothing left to
 * pay, and a release would reopen it without REOPEN), not REOPENED (it is
 * held once START_ASSESSMENT brings it under assessment), nor the ends.
 */
export const FRAUD_HOLDABLE: readonly ClaimStatus[] = [
  S.notified,
  S.documentsPending,
  S.underAssessment,
  S.surveyorAssigned,
  S.surveyReported,
  S.approved,
  S.partiallyApproved,
  S.paymentPending,
];

/** Every allowed change; anything not listed is refused with INVALID_STATE or FORBIDDEN. */
export const CLAIM_TRANSITIONS: readonly ClaimTransition[] = [
  { action: A.requestDocuments, from: S.notified, to: S.documentsPending, by: R.insurer },
  { action: A.submitDocuments, from: S.documentsPending, to: S.underAssessment, by: R.claimant },
  ...fromEach(A.startAssessment, [S.notified, S.reopened], S.underAssessment, R.insurer),
  { action: A.assignSurveyor, from: S.underAssessment, to: S.surveyorAssigned, by: R.insurer },
  { action: A.reportSurvey, from: S.surveyorAssigned, to: S.surveyReported, by: R.surveyor },
  ...fromEach(A.approve, DECIDABLE, S.approved, R.insurer),
  ...fromEach(A.approvePartially, DECIDABLE, S.partiallyApproved, R.insurer),
  ...fromEach(A.reject, DECIDABLE, S.rejected, R.insurer),
  ...fromEach(A.requestPayment, [S.approved, S.partiallyApproved], S.paymentPending, R.insurer),
  { action: A.confirmPayment, from: S.paymentPending, to: S.paid, by: R.insurer },
  { action: A.openSubrogation, from: S.paid, to: S.subrogationOpen, by: R.insurer },
  { action: A.recordRecovery, from: S.subrogationOpen, to: S.recovered, by: R.insurer },
  { action: A.timeBar, from: S.subrogationOpen, to: S.timeBarred, by: R.insurer },
  ...fromEach(
    A.close,
    [S.paid, S.recovered, S.timeBarred, S.rejected, S.withdrawn],
    S.closed,
    R.insurer,
  ),
  ...fromEach(
    A.withdraw,
    [S.notified, S.documentsPending, S.underAssessment, S.surveyorAssigned, S.surveyReported],
    S.withdrawn,
    R.claimant,
  ),
  ...fromEach(A.reopen, [S.rejected, S.closed], S.reopened, R.insurer),
  ...fromEach(A.holdForFraud, FRAUD_HOLDABLE, S.fraudHold, R.insurer),
  // A cleared claim is assessed again: approvals made before the hold no longer stand.
  { action: A.releaseFraudHold, from: S.fraudHold, to: S.underAssessment, by: R.insurer },
];

export function claimTransitionFor(
  action: ClaimAction,
  from: ClaimStatus,
): ClaimTransition | undefined {
  return CLAIM_TRANSITIONS.find((t) => t.action === action && t.from === from);
}

/** No document may be added once the file is shut. */
export const CLAIM_FILE_CLOSED: readonly ClaimStatus[] = [S.closed, S.withdrawn];

/** Institute Cargo Clauses (1/1/09). */
export const IccClause = {
  a: 'ICC_A',
  b: 'ICC_B',
  c: 'ICC_C',
} as const;
export type IccClause = (typeof IccClause)[keyof typeof IccClause];

/**
 * Causes of loss, named after the wording of the Institute Cargo Clauses
 * 1/1/09 (clause numbers in the comments are those of ICC B and C clause 1
 * and of the exclusions, clauses 4 to 7).
 */
export const Peril = {
  /** 1.1.1 fire or explosion. */
  fire: 'FIRE',
  /** 1.1.2 vessel or craft being stranded or grounded. */
  stranding: 'STRANDING',
  /** 1.1.2 vessel or craft being sunk or capsized. */
  sinking: 'SINKING',
  /** 1.1.3 overturning or derailment of land conveyance. */
  landConveyanceAccident: 'LAND_CONVEYANCE_ACCIDENT',
  /** 1.1.4 collision or contact of vessel, craft or conveyance with any external object other than water. */
  collision: 'COLLISION',
  /** 1.1.5 discharge of cargo at a port of distress. */
  portOfDistress: 'PORT_OF_DISTRESS_DISCHARGE',
  /** ICC B 1.1.6 earthquake, volcanic eruption or lightning. */
  earthquakeVolcanoLightning: 'EARTHQUAKE_VOLCANO_LIGHTNING',
  /** 1.2.1 general average sacrifice, and clause 2 general average and salvage charges. */
  generalAverage: 'GENERAL_AVERAGE',
  /** 1.2.2 jettison. */
  jettison: 'JETTISON',
  /** ICC B 1.2.2 washing overboard. */
  washingOverboard: 'WASHING_OVERBOARD',
  /** ICC B 1.2.3 entry of sea, lake or river water into vessel, craft, hold, conveyance, container or place of storage. */
  waterDamage: 'WATER_DAMAGE',
  /** ICC B 1.3 total loss of a package lost overboard or dropped whilst loading or unloading. */
  packageLostInLoading: 'PACKAGE_LOST_IN_LOADING',
  /** ICC A only ("all risks"): the named perils of B and C do not include these. */
  heavyWeather: 'HEAVY_WEATHER',
  theft: 'THEFT',
  nonDelivery: 'NON_DELIVERY',
  temperatureDeviation: 'TEMPERATURE_DEVIATION',
  handlingDamage: 'HANDLING_DAMAGE',
  /** ICC B and C 4.7 exclude deliberate damage by the wrongful act of any person; A does not. */
  maliciousDamage: 'MALICIOUS_DAMAGE',
  /** Exclusions under every clause: 4.1 wilful misconduct of the assured. */
  wilfulMisconduct: 'WILFUL_MISCONDUCT',
  /** 4.2 ordinary leakage, ordinary loss in weight or volume, ordinary wear and tear. */
  ordinaryLoss: 'ORDINARY_LOSS',
  /** 4.3 insufficiency or unsuitability of packing or preparation. */
  insufficientPacking: 'INSUFFICIENT_PACKING',
  /** 4.4 inherent vice or nature of the subject-matter insured. */
  inherentVice: 'INHERENT_VICE',
  /** 4.5 delay, even when caused by a risk insured against. */
  delay: 'DELAY',
  /** 4.6 insolvency or financial default of the owners, managers, charterers or operators of the vessel. */
  insolvency: 'INSOLVENCY',
  /** ICC A 4.7, B and C 4.8: weapons of war employing atomic or nuclear fission or radioactive force. */
  nuclear: 'NUCLEAR',
  /** Clause 6: covered only by the Institute War Clauses (Cargo). */
  war: 'WAR',
  /** Clause 7: covered only by the Institute Strikes Clauses (Cargo). */
  strikes: 'STRIKES',
  /** ITC Hulls 6.2.1–6.2.2: bursting of boilers, breakage of shafts, latent defect in machinery or hull. */
  machineryDamage: 'MACHINERY_DAMAGE',
  /** P&I: the owner's liability for the injury or illness of a crew member. */
  crewInjury: 'CREW_INJURY',
} as const;
export type Peril = (typeof Peril)[keyof typeof Peril];

/** The clause a policy is written on: cargo (ICC) or the vessel itself (ITC Hulls, P&I). */
export type CoverClause = IccClause | VesselClause;

const ALL_CLAUSES = [IccClause.a, IccClause.b, IccClause.c] as const;
const A_AND_B = [IccClause.a, IccClause.b] as const;
const A_ONLY = [IccClause.a] as const;
const NONE = [] as const;
const HULL = VesselClause.itcHulls;
const P_AND_I = VesselClause.protectionAndIndemnity;

/**
 * Which clauses cover each peril: ICC A is all risks less the exclusions; B
 * and C name theirs. ITC Hulls 6 names perils of the seas (stranding,
 * grounding, sinking, heavy weather), fire, jettison and, with due diligence,
 * machinery damage; clause 8 three fourths of collision liability, P&I the
 * fourth fourth and injury to crew. War, strikes and nuclear are excluded
 * from both (ITC Hulls 23 to 26).
 */
export const PERIL_COVER: Readonly<Record<Peril, readonly CoverClause[]>> = {
  FIRE: [...ALL_CLAUSES, HULL],
  STRANDING: [...ALL_CLAUSES, HULL],
  SINKING: [...ALL_CLAUSES, HULL],
  LAND_CONVEYANCE_ACCIDENT: ALL_CLAUSES,
  COLLISION: [...ALL_CLAUSES, HULL, P_AND_I],
  PORT_OF_DISTRESS_DISCHARGE: ALL_CLAUSES,
  GENERAL_AVERAGE: [...ALL_CLAUSES, HULL],
  JETTISON: [...ALL_CLAUSES, HULL],
  EARTHQUAKE_VOLCANO_LIGHTNING: A_AND_B,
  WASHING_OVERBOARD: A_AND_B,
  WATER_DAMAGE: A_AND_B,
  PACKAGE_LOST_IN_LOADING: A_AND_B,
  HEAVY_WEATHER: [IccClause.a, HULL],
  THEFT: A_ONLY,
  NON_DELIVERY: A_ONLY,
  TEMPERATURE_DEVIATION: A_ONLY,
  HANDLING_DAMAGE: A_ONLY,
  MALICIOUS_DAMAGE: A_ONLY,
  WILFUL_MISCONDUCT: NONE,
  ORDINARY_LOSS: NONE,
  INSUFFICIENT_PACKING: NONE,
  INHERENT_VICE: NONE,
  DELAY: NONE,
  INSOLVENCY: NONE,
  NUCLEAR: NONE,
  WAR: NONE,
  STRIKES: NONE,
  MACHINERY_DAMAGE: [HULL],
  CREW_INJURY: [P_AND_I],
};

export function isPerilCovered(clause: CoverClause, peril: Peril): boolean {
  return PERIL_COVER[peril].includes(clause);
}

export const PolicyKind = {
  /** A standing contract covering many shipments. */
  openCover: 'OPEN_COVER',
  /** One shipment, often declared under an open cover. */
  certificate: 'CERTIFICATE',
  /** A vessel insured for a period (ITC Hulls: usually twelve months): the kind of every vessel policy. */
  time: 'TIME',
} as const;
export type PolicyKind = (typeof PolicyKind)[keyof typeof PolicyKind];

export const ParametricTriggerKind = {
  temperature: 'TEMPERATURE',
  lateArrival: 'LATE_ARRIVAL',
  /** A vessel policy's delay cover: the insured vessel arrived (AIS) after its ETA and grace. */
  vesselArrival: 'VESSEL_ARRIVAL',
} as const;
export type ParametricTriggerKind =
  (typeof ParametricTriggerKind)[keyof typeof ParametricTriggerKind];

/**
 * A parametric trigger is a cover of its own agreed in the policy, so its
 * claims name this peril and are not measured against the ICC clause (which
 * excludes delay).
 */
export const PARAMETRIC_PERIL: Readonly<Record<ParametricTriggerKind, Peril>> = {
  TEMPERATURE: Peril.temperatureDeviation,
  LATE_ARRIVAL: Peril.delay,
  VESSEL_ARRIVAL: Peril.delay,
};

/** Pays when a reefer stayed outside [min, max] (tenths of °C) for at least minDurationMinutes. */
export interface TemperatureTrigger {
  triggerId: string;
  kind: typeof ParametricTriggerKind.temperature;
  minCelsiusTenths: number;
  maxCelsiusTenths: number;
  minDurationMinutes: number;
  /**
   * The devices (EPCIS deviceIDs) whose attested readings count (issue 17):
   * only readings attested by a named device, or by a device of an owner in
   * trustedOwners, count. A trigger names at least one of the two
   * (`untrustingTemperatureTrigger`, docs/decisions/0017-device-registry.md).
   */
  trustedDevices?: string[];
  /** MSP ids whose registered devices the trigger trusts. */
  trustedOwners?: string[];
}

/**
 * Why a TEMPERATURE trigger may not be written, when it names no device and
 * no owner it trusts: such a trigger would count any reading, a forged one
 * included (issue 17). The chaincode and the claims service both ask this.
 */
export function untrustingTemperatureTrigger(
  trigger: Pick<TemperatureTrigger, 'trustedDevices' | 'trustedOwners'>,
): string | undefined {
  return (trigger.trustedDevices?.length ?? 0) + (trigger.trustedOwners?.length ?? 0) === 0
    ? 'a TEMPERATURE trigger must name the devices (trustedDevices) or the owners (trustedOwners) whose attested readings it trusts'
    : undefined;
}

/** Pays when the goods have not arrived graceDays after etaDate. */
export interface LateArrivalTrigger {
  triggerId: string;
  kind: typeof ParametricTriggerKind.lateArrival;
  /** ISO 8601 calendar date. */
  etaDate: string;
  graceDays: number;
}

/**
 * Pays when the policy's vessel arrived at the port area later than etaAt
 * plus graceHours. Arrival is the ARRIVED voyage event on the ledger for the
 * area (its first AIS position inside), which the chaincode reads at notice;
 * only vessel policies carry it.
 */
export interface VesselArrivalTrigger {
  triggerId: string;
  kind: typeof ParametricTriggerKind.vesselArrival;
  portArea: AreaReference;
  /** ISO 8601 UTC instant. */
  etaAt: string;
  graceHours: number;
}

/** The instant after which an arrival fires the trigger (ISO 8601 UTC, milliseconds). */
export function vesselArrivalDue(
  trigger: Pick<VesselArrivalTrigger, 'etaAt' | 'graceHours'>,
): string {
  return new Date(Date.parse(trigger.etaAt) + trigger.graceHours * 3_600_000).toISOString();
}

/** Whether an arrival at `arrivedAt` (ISO instant) is late under the trigger. */
export function arrivedLate(
  trigger: Pick<VesselArrivalTrigger, 'etaAt' | 'graceHours'>,
  arrivedAt: string,
): boolean {
  return Date.parse(arrivedAt) > Date.parse(vesselArrivalDue(trigger));
}

export type ParametricTrigger = TemperatureTrigger | LateArrivalTrigger | VesselArrivalTrigger;

/** What the policy insures: the shipment's eBL, containers (ISO 6346) and lots (GS1 Digital Link). */
export interface ShipmentLinks {
  eblReference?: string;
  containers: string[];
  lots: string[];
}

/**
 * What the insurer's claims service passes to createPolicy (JSON): the public
 * terms. Who is insured and what is shipped are private (PolicyPrivateTerms).
 */
export interface CoverPolicyInput {
  policyId: string;
  kind: PolicyKind;
  /** A certificate may name its open cover, which must be the same insurer's. */
  openCoverPolicyId?: string;
  clause: CoverClause;
  /** ISO 4217 alphabetic code. */
  currency: string;
  /** ISO 8601 calendar dates, both days included. */
  period: { from: string; to: string };
  parametricTriggers: ParametricTrigger[];
  /** SHA-256 (lower-case hex) of the canonical JSON of the policy's PolicyPrivateTerms. */
  privateTermsHash: string;
}

/** The public part of a policy; its private terms are in the insurer's private collection. */
export interface CoverPolicyRecord extends CoverPolicyInput {
  /** MSP of the insurer identity that created it: the insurer. */
  insurerMsp: string;
  createdBy: LedgerParty;
  txId: string;
  createdAt: string;
}

/**
 * The private part of a policy, money in minor units of the policy currency.
 * Sent as transient data, its bytes must be RFC 8785 canonical JSON so that
 * anyone holding it can recompute privateTermsHash; the salt stops guessing.
 */
export interface PolicyAmounts {
  sumInsured: string;
  premium: string;
  deductible: string;
  /** At least 16 lower-case hex digits. */
  salt: string;
}

/**
 * Everything of a policy the insurer keeps in its private collection (decision
 * 0009): the amounts, the insured and the shipment, with one salt.
 */
export interface PolicyPrivateTerms extends PolicyAmounts {
  insured: LedgerParty;
  shipment: ShipmentLinks;
  /** A vessel policy's ship and warranties: present exactly when the clause is a VesselClause. */
  vessel?: VesselCover;
}

/** A policy as its insurer sees it: the public record with its insured and shipment. */
export type InsurerPolicyView = CoverPolicyRecord &
  Pick<PolicyPrivateTerms, 'insured' | 'shipment' | 'vessel'>;

export const ClaimDocumentKind = {
  billOfLading: 'BILL_OF_LADING',
  commercialInvoice: 'COMMERCIAL_INVOICE',
  packingList: 'PACKING_LIST',
  surveyReport: 'SURVEY_REPORT',
  letterOfProtest: 'LETTER_OF_PROTEST',
  photo: 'PHOTO',
  eblRecord: 'EBL_RECORD',
  traceabilityEvidence: 'TRACEABILITY_EVIDENCE',
  other: 'OTHER',
} as const;
export type ClaimDocumentKind = (typeof ClaimDocumentKind)[keyof typeof ClaimDocumentKind];

/** What addDocument takes (JSON). The document itself stays off the ledger. */
export interface ClaimDocumentInput {
  kind: ClaimDocumentKind;
  sha256: string;
  name?: string;
  /** Where it can be checked: an eBL transaction id, an EPCIS eventID, a file reference. */
  reference?: string;
}

export interface ClaimDocument extends ClaimDocumentInput {
  addedBy: LedgerParty;
  txId: string;
  at: string;
}

/** A notice of loss, as the claims service gives it. */
export interface ClaimNoticeInput {
  claimId: string;
  policyId: string;
  peril: Peril;
  /** ISO 8601 calendar dates: the loss within the policy period, discovered on or after it. */
  lossDate: string;
  discoveredDate: string;
  /**
   * Under a vessel policy, the instant of the casualty (ISO 8601 UTC, on
   * lossDate): the vessel's warranties are checked as the ledger stood then.
   */
  lossAt?: string;
  /** Where the loss happened or was found: a UN/LOCODE or a short description. */
  place: string;
  containers: string[];
  eblReference?: string;
  /** Minor units of the policy currency. */
  claimedAmount: string;
  currency: string;
  /** Only in a notice by the insurer, when a parametric trigger of the policy fired. */
  parametric?: { triggerId: string; evidenceHash: string };
}

/**
 * What notifyLoss takes in the transient map under ClaimsTransientKey.fingerprints:
 * keyed HMACs (64 lower-case hex) computed off-ledger by the insurer service
 * over the claim's identifying facts. `register` fingerprints are indexed for
 * this claim; `probe` fingerprints are looked up among other claims'
 * registrations. Public state keeps only a one-way index of each, which
 * cannot be presented as a fingerprint (decision 0009).
 */
export interface ClaimFingerprints {
  register: string[];
  probe: string[];
}

/**
 * What notifyLoss takes in the transient map under ClaimsTransientKey.notice:
 * the notice, and the salt (16 to 128 lower-case hex) that keeps the claim's
 * private details from being guessed from their public hash.
 */
export interface ClaimNotice extends ClaimNoticeInput {
  salt: string;
}

/** What act takes in the transient map under ClaimsTransientKey.step; an absent field is "not given". */
export interface ClaimStepArguments {
  recipient?: string;
  detail?: string;
}

/** Who wrote a history entry that no person took: the duplicate check of another notice. */
export const DUPLICATE_MATCH_ACTOR = 'DUPLICATE_MATCH';

export interface ClaimHistoryEntry {
  action: ClaimAction | 'NOTIFY';
  /** The party that acted, or DUPLICATE_MATCH_ACTOR for a hold placed by another notice. */
  actor: LedgerParty;
  /** Absent on the notice. */
  from?: ClaimStatus;
  to: ClaimStatus;
  /** ASSIGN_SURVEYOR: the surveyor. */
  recipient?: LedgerParty;
  /** Minor units: assessed loss, approved, settlement or recovered amount. */
  amount?: string;
  /** REJECT, REOPEN, WITHDRAW. */
  reason?: string;
  /** REPORT_SURVEY: report SHA-256; CONFIRM_PAYMENT: payment reference. */
  reference?: string;
  /** OPEN_SUBROGATION: the party the insurer pursues. */
  against?: string;
  /** REQUEST_DOCUMENTS: what the claimant must add. */
  documents?: ClaimDocumentKind[];
  txId: string;
  at: string;
}

/** What the ledger holds for one claim. Money in minor units of `currency`, as digit strings. */
export interface ClaimRecord {
  claimId: string;
  policyId: string;
  insurerMsp: string;
  claimant: LedgerParty;
  peril: Peril;
  lossDate: string;
  discoveredDate: string;
  place: string;
  containers: string[];
  eblReference?: string;
  claimedAmount: string;
  currency: string;
  parametric?: { triggerId: string; evidenceHash: string };
  lossAt?: string;
  /**
   * Under a vessel policy: the warranties checked at notice against the
   * ledger as it stood at lossAt, and those found breached with their evidence.
   */
  warrantyCheck?: { at: string; warranties: Warranty[]; breaches: WarrantyBreach[] };
  status: ClaimStatus;
  /** Kinds the insurer asked for; SUBMIT_DOCUMENTS needs one of each on the claim. */
  requestedDocuments?: ClaimDocumentKind[];
  surveyor?: LedgerParty;
  survey?: { reportSha256: string; assessedLoss: string };
  /** The current assessment's decision; cleared when the claim is assessed again. */
  approvedAmount?: string;
  rejectionReason?: string;
  /** The settlement requested and not yet confirmed, or last confirmed. */
  settlementAmount?: string;
  paymentReference?: string;
  /** Sum of confirmed settlements; a reopened claim pays at most approvedAmount − paidAmount more. */
  paidAmount: string;
  subrogation?: { against: string };
  /** Sum recovered from third parties; never more than paidAmount. */
  recoveredAmount: string;
  /** How many other claims share a fingerprint with this one; never which. */
  duplicateMatches: number;
  documents: ClaimDocument[];
  history: ClaimHistoryEntry[];
  notifiedAt: string;
  lastTxId: string;
  updatedAt: string;
}

/**
 * Payload of ClaimsEvent.duplicateSuspected. Claim ids are opaque UUIDs: they
 * tell the insurers which of their own claims to look at and nothing about
 * the goods. The notifying claim comes first, then the matched ones in key order.
 */
export interface DuplicateClaimSuspectedEvent {
  claims: string[];
  matchedClaims: number;
}

/** Claim ids are UUIDs chosen by the claims service (lower-case, RFC 9562 text form). */
export const CLAIM_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const POLICY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const PARAMETRIC_TRIGGER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
/** Minor units: no sign, no leading zero, at most 18 digits (below 2^63). */
export const MINOR_UNITS_PATTERN = /^(0|[1-9][0-9]{0,17})$/;
export const ISO_DATE_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
