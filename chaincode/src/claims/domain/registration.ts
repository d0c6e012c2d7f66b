import {
  ClaimStatus,
  ClaimStub,
  CoverPolicyRecord,
  LedgerErrorCode,
  PARAMETRIC_TRIGGER_ID_PATTERN,
} from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';
import { parseClaimId } from './claim-values';
import { assertInsurer } from './insurer';
import { invalid } from './json-input';

/** What registerClaim found on the ledger; all of it public, so every peer finds the same. */
export interface RegistrationContext {
  /** A claim of that id is registered already. */
  exists: boolean;
  /** The SHA-256 of the claim's details in the insurer's collection, if notifyLoss wrote them. */
  detailsHash?: string;
  /** The claim an earlier notice of the same parametric trigger registered. */
  triggerClaimId?: string;
}

/**
 * The public part of a claim whose notice (notifyLoss, endorsed by the
 * insurer's peers alone) put its details in the insurer's collection. Every
 * peer can check that such details exist, by their public hash, without
 * seeing them; the insurer vouches for the rest by signing. `triggerId` ('' for
 * none) is the parametric trigger the notice claims, recorded so that the
 * trigger pays once.
 */
export function decideRegistration(
  rawClaimId: string,
  policy: CoverPolicyRecord,
  triggerId: string,
  invoker: Invoker,
  stamp: Stamp,
  found: RegistrationContext,
): ClaimStub {
  const claimId = parseClaimId(rawClaimId);
  assertInsurer(policy.insurerMsp, invoker, `registering a claim under ${policy.policyId}`);
  if (found.exists) refuse(LedgerErrorCode.alreadyExists, `claim ${claimId} already exists`);
  const detailsHash =
    found.detailsHash ??
    refuse(LedgerErrorCode.notFound, `no notice of claim ${claimId} under ${policy.policyId}`);
  if (triggerId !== '') {
    if (!PARAMETRIC_TRIGGER_ID_PATTERN.test(triggerId)) invalid('the trigger id is malformed');
    if (!policy.parametricTriggers.some((t) => t.triggerId === triggerId)) {
      invalid(`policy ${policy.policyId} has no parametric trigger ${triggerId}`);
    }
    if (found.triggerClaimId !== undefined) {
      refuse(
        LedgerErrorCode.alreadyExists,
        `trigger ${triggerId} of ${policy.policyId} already gave notice as claim ${found.triggerClaimId}`,
      );
    }
  }
  return {
    claimId,
    policyId: policy.policyId,
    insurerMsp: policy.insurerMsp,
    status: ClaimStatus.notified,
    duplicateMatches: 0,
    trail: [{ action: 'NOTIFY', to: ClaimStatus.notified, ...stamp }],
    detailsHash,
    notifiedAt: stamp.at,
    lastTxId: stamp.txId,
    updatedAt: stamp.at,
  };
}
