import {
  CoverPolicyInput,
  CoverPolicyRecord,
  IccClause,
  LedgerErrorCode,
  PERIL_COVER,
  ParametricTriggerKind,
  PolicyKind,
  VesselClause,
  isVesselClause,
} from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { assertInsurer } from './insurer';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';
import { parseCurrency, parseIsoDate, parsePolicyId, parseSha256 } from './claim-values';
import { asObject, invalid, optionalStringAt, parseObject, stringAt } from './json-input';
import { parseTriggers } from './parametric-triggers';

const CLAUSES: readonly string[] = [...Object.values(IccClause), ...Object.values(VesselClause)];
const KINDS: readonly string[] = Object.values(PolicyKind);

/** Only an insurer's claims service (the insurer role of its MSP) writes policies. */
export function assertInsurerService(invoker: Invoker, what: string): void {
  assertInsurer(invoker.mspId, invoker, what);
}

/** The policyJson argument of createPolicy, whitelisted and checked field by field. */
export function parsePolicy(invoker: Invoker, raw: string): CoverPolicyInput {
  assertInsurerService(invoker, 'creating a policy');
  const o = parseObject(raw, 'policy', {
    required: [
      'policyId',
      'kind',
      'clause',
      'currency',
      'period',
      'parametricTriggers',
      'privateTermsHash',
    ],
    optional: ['openCoverPolicyId'],
  });
  const kind = stringAt(o, 'kind', 'policy');
  const clause = stringAt(o, 'clause', 'policy');
  if (!KINDS.includes(kind)) invalid(`policy.kind must be one of ${KINDS.join(', ')}`);
  if (!CLAUSES.includes(clause)) invalid(`policy.clause must be one of ${CLAUSES.join(', ')}`);
  const openCover = optionalStringAt(o, 'openCoverPolicyId', 'policy');
  if (openCover !== undefined && kind !== PolicyKind.certificate) {
    invalid('only a CERTIFICATE names an open cover');
  }
  if (isVesselClause(clause) !== (kind === PolicyKind.time)) {
    invalid(
      `a ${clause} policy is ${isVesselClause(clause) ? '' : 'not '}a TIME policy on a vessel`,
    );
  }
  const policy: CoverPolicyInput = {
    policyId: parsePolicyId(stringAt(o, 'policyId', 'policy'), 'policy.policyId'),
    kind: kind as PolicyKind,
    openCoverPolicyId:
      openCover === undefined ? undefined : parsePolicyId(openCover, 'policy.openCoverPolicyId'),
    clause: clause as CoverPolicyInput['clause'],
    currency: parseCurrency(stringAt(o, 'currency', 'policy'), 'policy.currency'),
    period: parsePeriod(o.period),
    parametricTriggers: parseTriggers(o.parametricTriggers, 'policy.parametricTriggers'),
    privateTermsHash: parseSha256(
      stringAt(o, 'privateTermsHash', 'policy'),
      'policy.privateTermsHash',
    ),
  };
  if (policy.openCoverPolicyId === policy.policyId)
    invalid('a policy cannot be its own open cover');
  const vesselTrigger = policy.parametricTriggers.find(
    (t) => t.kind === ParametricTriggerKind.vesselArrival,
  );
  if (vesselTrigger !== undefined && kind !== PolicyKind.time) {
    invalid(`trigger ${vesselTrigger.triggerId}: a VESSEL_ARRIVAL trigger needs a vessel policy`);
  }
  return policy;
}

function parsePeriod(value: unknown): CoverPolicyInput['period'] {
  const o = asObject(value, 'policy.period', { required: ['from', 'to'] });
  const from = parseIsoDate(stringAt(o, 'from', 'policy.period'), 'policy.period.from');
  const to = parseIsoDate(stringAt(o, 'to', 'policy.period'), 'policy.period.to');
  if (from > to) invalid('policy.period.from must not be after policy.period.to');
  return { from, to };
}

/**
 * The public record of a new policy. A certificate declared under an open
 * cover must fit inside it: same insurer, period within the cover's, and no
 * peril the cover's clause does not insure.
 */
export function decidePolicy(
  input: CoverPolicyInput,
  invoker: Invoker,
  stamp: Stamp,
  found: { existing?: CoverPolicyRecord; openCover?: CoverPolicyRecord },
): CoverPolicyRecord {
  if (found.existing !== undefined) {
    refuse(LedgerErrorCode.alreadyExists, `policy ${input.policyId} already exists`);
  }
  if (input.openCoverPolicyId !== undefined) {
    assertFitsOpenCover(input, invoker, input.openCoverPolicyId, found.openCover);
  }
  return {
    ...input,
    insurerMsp: invoker.mspId,
    createdBy: invoker.party,
    txId: stamp.txId,
    createdAt: stamp.at,
  };
}

function assertFitsOpenCover(
  certificate: CoverPolicyInput,
  invoker: Invoker,
  openCoverId: string,
  openCover: CoverPolicyRecord | undefined,
): void {
  const cover =
    openCover ?? refuse(LedgerErrorCode.notFound, `open cover ${openCoverId} not found`);
  if (cover.insurerMsp !== invoker.mspId) {
    refuse(LedgerErrorCode.forbidden, `open cover ${openCoverId} belongs to another insurer`);
  }
  if (cover.kind !== PolicyKind.openCover) invalid(`${openCoverId} is not an open cover`);
  const { from, to } = certificate.period;
  if (from < cover.period.from || to > cover.period.to) {
    invalid(`the certificate's period must lie within that of open cover ${openCoverId}`);
  }
  const broader = Object.values(PERIL_COVER).some(
    (clauses) => clauses.includes(certificate.clause) && !clauses.includes(cover.clause),
  );
  if (broader) invalid(`${certificate.clause} covers more than ${cover.clause} of ${openCoverId}`);
}
