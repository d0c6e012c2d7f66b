import {
  ClaimNotice,
  ClaimNoticeInput,
  ClaimRecord,
  ClaimStatus,
  ClaimsTransientKey,
  InsurerPolicyView,
  LedgerErrorCode,
  PARAMETRIC_PERIL,
  PARAMETRIC_TRIGGER_ID_PATTERN,
  ParametricTriggerKind,
  Peril,
  VesselArrivalTrigger,
  firstArrival,
  VoyageEventKind,
  arrivedLate,
  isPerilCovered,
  vesselArrivalDue,
} from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';
import {
  dateOf,
  parseClaimId,
  parseContainer,
  parseCurrency,
  parseEblReference,
  parseFreeText,
  parseIsoDate,
  parsePolicyId,
  parsePositiveMinorUnits,
  parseSalt,
  parseSha256,
  shiftDate,
} from './claim-values';
import { isInsurer } from './insurer';
import {
  asObject,
  invalid,
  optionalStringAt,
  parseObject,
  stringAt,
  uniqueArrayAt,
} from './json-input';
import { parseInstant } from './vessel-cover';
import { VesselEvidence, noMasterVerdict, warrantyBreaches } from './warranties';

const MAX_CONTAINERS = 100;
const PERILS: readonly string[] = Object.values(Peril);
const NAME = 'claim';

/** The transient notice of notifyLoss, whitelisted and checked field by field. */
export function parseNotice(bytes: Uint8Array | undefined): ClaimNotice {
  if (bytes === undefined || bytes.length === 0) {
    invalid(`the transient data key '${ClaimsTransientKey.notice}' is required`);
  }
  const o = parseObject(Buffer.from(bytes).toString('utf8'), NAME, {
    required: [
      'claimId',
      'policyId',
      'peril',
      'lossDate',
      'discoveredDate',
      'place',
      'containers',
      'claimedAmount',
      'currency',
      'salt',
    ],
    optional: ['eblReference', 'parametric', 'lossAt'],
  });
  const lossAt = optionalStringAt(o, 'lossAt', NAME);
  const peril = stringAt(o, 'peril', NAME);
  if (!PERILS.includes(peril)) invalid(`claim.peril must be one of ${PERILS.join(', ')}`);
  const ebl = optionalStringAt(o, 'eblReference', NAME);
  const notice: ClaimNotice = {
    claimId: parseClaimId(stringAt(o, 'claimId', NAME), 'claim.claimId'),
    policyId: parsePolicyId(stringAt(o, 'policyId', NAME), 'claim.policyId'),
    peril: peril as Peril,
    lossDate: parseIsoDate(stringAt(o, 'lossDate', NAME), 'claim.lossDate'),
    discoveredDate: parseIsoDate(stringAt(o, 'discoveredDate', NAME), 'claim.discoveredDate'),
    ...(lossAt === undefined ? {} : { lossAt: parseInstant(lossAt, 'claim.lossAt') }),
    place: parseFreeText(stringAt(o, 'place', NAME), 'claim.place'),
    containers: uniqueArrayAt(o, 'containers', NAME, MAX_CONTAINERS, parseContainer),
    eblReference: ebl === undefined ? undefined : parseEblReference(ebl, 'claim.eblReference'),
    claimedAmount: parsePositiveMinorUnits(
      stringAt(o, 'claimedAmount', NAME),
      'claim.claimedAmount',
    ),
    currency: parseCurrency(stringAt(o, 'currency', NAME), 'claim.currency'),
    parametric: o.parametric === undefined ? undefined : parseParametric(o.parametric),
    salt: parseSalt(stringAt(o, 'salt', NAME), 'claim.salt'),
  };
  if (notice.discoveredDate < notice.lossDate) {
    invalid('claim.discoveredDate must not be before claim.lossDate');
  }
  if (notice.lossAt !== undefined && dateOf(notice.lossAt) !== notice.lossDate) {
    invalid('claim.lossAt must fall on claim.lossDate (UTC)');
  }
  return notice;
}

function parseParametric(value: unknown): ClaimNoticeInput['parametric'] {
  const name = 'claim.parametric';
  const o = asObject(value, name, { required: ['triggerId', 'evidenceHash'] });
  const triggerId = stringAt(o, 'triggerId', name);
  if (!PARAMETRIC_TRIGGER_ID_PATTERN.test(triggerId)) invalid(`${name}.triggerId is malformed`);
  return {
    triggerId,
    evidenceHash: parseSha256(stringAt(o, 'evidenceHash', name), `${name}.evidenceHash`),
  };
}

/** What notifyLoss found on the ledger for the notice. */
export interface NoticeContext {
  /** A claim of that id is registered, or its details are already in the collection. */
  exists: boolean;
  /** The policy with its private terms, as the insurer's peer holds them. */
  policy?: InsurerPolicyView;
  /** The claim an earlier notice of the same parametric trigger created. */
  triggerClaimId?: string;
  /** Under a vessel policy: what the ledger holds on the vessel for the time of loss. */
  vessel?: VesselEvidence;
}

/**
 * A first notice of loss. Anyone may give notice (a claim may be assigned
 * with the goods), and becomes the claimant; the insurer gives notice only
 * when a parametric trigger fired, on behalf of the insured.
 */
export function decideNotice(
  notice: ClaimNoticeInput,
  invoker: Invoker,
  stamp: Stamp,
  found: NoticeContext,
): ClaimRecord {
  if (found.exists) {
    refuse(LedgerErrorCode.alreadyExists, `claim ${notice.claimId} already exists`);
  }
  const policy =
    found.policy ?? refuse(LedgerErrorCode.notFound, `policy ${notice.policyId} not found`);
  assertNotifier(notice, policy, invoker);
  assertWithinPolicy(notice, policy, stamp);
  assertVesselNotice(notice, policy);
  if (notice.parametric === undefined) {
    assertPerilCovered(notice, policy);
  } else {
    assertTriggerFired(notice, policy, stamp, found);
  }
  const claimant = notice.parametric === undefined ? invoker.party : policy.insured;
  const cover = policy.vessel;
  const lossAt = notice.lossAt;
  return {
    ...notice,
    ...(cover === undefined || lossAt === undefined
      ? {}
      : {
          warrantyCheck: {
            at: lossAt,
            warranties: cover.warranties,
            breaches: warrantyBreaches(
              cover,
              policy.period.from,
              lossAt,
              found.vessel ?? {
                master: noMasterVerdict(cover.imoNumber, lossAt),
                voyageEvents: [],
              },
            ),
          },
        }),
    insurerMsp: policy.insurerMsp,
    claimant,
    status: ClaimStatus.notified,
    paidAmount: '0',
    recoveredAmount: '0',
    duplicateMatches: 0,
    documents: [],
    history: [{ action: 'NOTIFY', actor: invoker.party, to: ClaimStatus.notified, ...stamp }],
    notifiedAt: stamp.at,
    lastTxId: stamp.txId,
    updatedAt: stamp.at,
  };
}

function assertNotifier(
  notice: ClaimNoticeInput,
  policy: InsurerPolicyView,
  invoker: Invoker,
): void {
  const insurer = isInsurer(policy.insurerMsp, invoker);
  if (notice.parametric !== undefined && !insurer) {
    refuse(
      LedgerErrorCode.forbidden,
      `a parametric notice under ${policy.policyId} may only be given by the insurer ${policy.insurerMsp}`,
    );
  }
  if (notice.parametric === undefined && insurer) {
    refuse(
      LedgerErrorCode.forbidden,
      'the insurer gives notice under its own policy only for a parametric trigger',
    );
  }
}

/** The loss must be in the period, discovered by now, and on the shipment the policy names. */
function assertWithinPolicy(
  notice: ClaimNoticeInput,
  policy: InsurerPolicyView,
  stamp: Stamp,
): void {
  if (notice.currency !== policy.currency) {
    invalid(`claim.currency must be the policy's currency ${policy.currency}`);
  }
  if (notice.lossDate < policy.period.from || notice.lossDate > policy.period.to) {
    invalid(`the loss date is outside the period of policy ${policy.policyId}`);
  }
  if (notice.discoveredDate > dateOf(stamp.at)) {
    invalid('claim.discoveredDate must not be after the date of the notice');
  }
  const insured = policy.shipment.containers;
  const foreign = notice.containers.find((c) => insured.length > 0 && !insured.includes(c));
  if (foreign !== undefined) invalid(`container ${foreign} is not insured by ${policy.policyId}`);
  const ebl = policy.shipment.eblReference;
  if (ebl !== undefined && notice.eblReference !== undefined && notice.eblReference !== ebl) {
    invalid(`policy ${policy.policyId} insures the shipment of eBL ${ebl}`);
  }
}

/**
 * A loss of the ship is dated to the instant, since its warranties are
 * checked as the ledger stood then; it names no containers. A cargo loss
 * keeps its calendar date.
 */
function assertVesselNotice(notice: ClaimNoticeInput, policy: InsurerPolicyView): void {
  if (policy.vessel === undefined) {
    if (notice.lossAt !== undefined) invalid('claim.lossAt is given only under a vessel policy');
    return;
  }
  if (notice.lossAt === undefined) {
    invalid(`claim.lossAt is required under vessel policy ${policy.policyId}`);
  }
  if (notice.containers.length > 0) {
    invalid(`vessel policy ${policy.policyId} insures the ship, not containers`);
  }
}

/**
 * Refused as INVALID_ARGUMENT: an uncovered peril is a property of the notice
 * itself (the same notice could never succeed later, in any state), not of a
 * record's state.
 */
function assertPerilCovered(notice: ClaimNoticeInput, policy: InsurerPolicyView): void {
  if (!isPerilCovered(policy.clause, notice.peril)) {
    invalid(`peril ${notice.peril} is not covered by ${policy.clause}`);
  }
}

/**
 * A trigger is its own cover, agreed in the policy: its peril is fixed by its
 * kind and not measured against the clause. Each trigger gives one claim, so
 * a retried notice under a new claim id cannot pay twice. A late arrival can
 * only be claimed once the grace period has run out.
 */
function assertTriggerFired(
  notice: ClaimNoticeInput,
  policy: InsurerPolicyView,
  stamp: Stamp,
  found: NoticeContext,
): void {
  const triggerClaimId = found.triggerClaimId;
  const triggerId = notice.parametric?.triggerId;
  const trigger =
    policy.parametricTriggers.find((t) => t.triggerId === triggerId) ??
    invalid(`policy ${policy.policyId} has no parametric trigger ${triggerId}`);
  const peril = PARAMETRIC_PERIL[trigger.kind];
  if (notice.peril !== peril) invalid(`a ${trigger.kind} trigger claims peril ${peril}`);
  if (triggerClaimId !== undefined) {
    refuse(
      LedgerErrorCode.alreadyExists,
      `trigger ${trigger.triggerId} of ${policy.policyId} already gave notice as claim ${triggerClaimId}`,
    );
  }
  if (trigger.kind === ParametricTriggerKind.vesselArrival) {
    assertArrivedLate(notice, trigger, policy.period.from, found.vessel);
  }
  if (trigger.kind === ParametricTriggerKind.lateArrival) {
    const due = shiftDate(trigger.etaDate, trigger.graceDays);
    if (dateOf(stamp.at) <= due) {
      refuse(
        LedgerErrorCode.invalidState,
        `trigger ${trigger.triggerId} cannot fire before ${due} has passed`,
      );
    }
  }
}

/**
 * A delay cover pays on the ledger's word, not the insurer's: the notice's
 * evidence hash must be that of an ARRIVED voyage event of the vessel into
 * the trigger's port area, the voyage's arrival (the first entry since the
 * period began: a later entry, a shift of berth, is no arrival), later than
 * its ETA and grace, and the notice is dated to that arrival.
 */
function assertArrivedLate(
  notice: ClaimNoticeInput,
  trigger: VesselArrivalTrigger,
  periodFrom: string,
  vessel: VesselEvidence | undefined,
): void {
  const evidenceHash = notice.parametric?.evidenceHash;
  const arrival = vessel?.voyageEvents.find(
    (e) =>
      e.kind === VoyageEventKind.arrived &&
      e.evidenceSha256 === evidenceHash &&
      e.area.areaId === trigger.portArea.areaId &&
      e.area.geometrySha256 === trigger.portArea.geometrySha256,
  );
  if (arrival === undefined) {
    refuse(
      LedgerErrorCode.invalidState,
      `no arrival of the vessel in ${trigger.portArea.areaId} with that evidence is on the ledger`,
    );
  }
  const first = firstArrival(vessel?.voyageEvents ?? [], trigger.portArea, periodFrom);
  if (first?.txId !== arrival.txId) {
    refuse(
      LedgerErrorCode.invalidState,
      first === undefined
        ? `the arrival at ${arrival.at} is before the policy period began, ${periodFrom}`
        : `the vessel arrived in ${trigger.portArea.areaId} first at ${first.at}: only that arrival counts`,
    );
  }
  if (!arrivedLate(trigger, arrival.at)) {
    refuse(
      LedgerErrorCode.invalidState,
      `the arrival at ${arrival.at} is not after ${vesselArrivalDue(trigger)}: trigger ${trigger.triggerId} did not fire`,
    );
  }
  if (notice.lossAt !== arrival.at) invalid(`claim.lossAt must be the arrival, ${arrival.at}`);
}
