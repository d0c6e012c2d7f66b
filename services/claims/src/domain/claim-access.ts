import { ClaimRole } from '@pujiang/contracts';

/**
 * Who may see a claim. Each capacity needs both the role in the caller's token and the tie to
 * the claim: an insurer organisation (its Fabric MSP id) sees the claims on its own policies, a
 * claimant the claims it made, a surveyor the claims it is assigned to. A role alone opens
 * nothing, and a tie alone (say, a claimant party whose token lacks the role) neither.
 */

/** Roles a bearer token carries for the claims service (as 'ebl:trader' for the eBL one). */
export const ClaimsTokenRole = {
  insurer: 'claims:insurer',
  claimant: 'claims:claimant',
  surveyor: 'claims:surveyor',
} as const;
export type ClaimsTokenRole = (typeof ClaimsTokenRole)[keyof typeof ClaimsTokenRole];

/** The caller as the bearer token states it (the shape of @pujiang/auth's Principal). */
export interface ClaimViewer {
  readonly party: string;
  readonly organisation: string;
  readonly roles: readonly string[];
}

/**
 * The claim's parties, identified as the viewer's `party` is: where the ledger names parties
 * `MSP::commonName` (LedgerParty), the service maps them to the token's subject first.
 */
export interface ClaimParties {
  /** MSP id of the insurer organisation whose policy the claim is made under. */
  readonly insurerMsp: string;
  /** Party id of the claimant. */
  readonly claimant: string;
  /** Party id of the surveyor, once one is appointed. */
  readonly surveyor?: string;
}

/**
 * Every capacity in which the viewer sees the claim, in the chaincode's terms (ClaimRole of
 * @pujiang/contracts); empty when it may not see it.
 */
export function claimCapacities(viewer: ClaimViewer, claim: ClaimParties): ClaimRole[] {
  const has = (role: ClaimsTokenRole): boolean => viewer.roles.includes(role);
  const capacities: ClaimRole[] = [];
  if (has(ClaimsTokenRole.insurer) && viewer.organisation === claim.insurerMsp) {
    capacities.push(ClaimRole.insurer);
  }
  if (has(ClaimsTokenRole.claimant) && viewer.party === claim.claimant) {
    capacities.push(ClaimRole.claimant);
  }
  const surveyor = claim.surveyor;
  if (has(ClaimsTokenRole.surveyor) && surveyor !== undefined && viewer.party === surveyor) {
    capacities.push(ClaimRole.surveyor);
  }
  return capacities;
}

export function canSeeClaim(viewer: ClaimViewer, claim: ClaimParties): boolean {
  return claimCapacities(viewer, claim).length > 0;
}

/** Policies are the insurer's own business: only its organisation sees them. */
export function canSeePolicy(
  viewer: ClaimViewer,
  policy: { readonly insurerMsp: string },
): boolean {
  return (
    viewer.roles.includes(ClaimsTokenRole.insurer) && viewer.organisation === policy.insurerMsp
  );
}
