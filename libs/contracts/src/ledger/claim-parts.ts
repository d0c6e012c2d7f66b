import {
  ClaimDisclosure,
  ClaimHistoryEntry,
  ClaimRecord,
  ClaimStatus,
  DUPLICATE_MATCH_ACTOR,
} from './claims';

/** A step of a claim as public state keeps it: what happened and when, not who or how much. */
export type ClaimTrailEntry = Pick<ClaimHistoryEntry, 'action' | 'from' | 'to' | 'txId' | 'at'>;

/** The private part of a history entry: the `step`-th entry of the trail's actor and figures. */
export type ClaimNote = { step: number } & Pick<
  ClaimHistoryEntry,
  'actor' | 'recipient' | 'amount' | 'reason' | 'reference' | 'against' | 'documents'
>;

/**
 * The public part of a claim (decision 0009), under a key-level endorsement
 * policy naming the insurer's organisation: which claim, under which policy,
 * its status and steps, and the SHA-256 of its ClaimDetails bytes in the
 * insurer's collection (salted, so it cannot be guessed).
 */
export interface ClaimStub {
  claimId: string;
  policyId: string;
  insurerMsp: string;
  status: ClaimStatus;
  duplicateMatches: number;
  trail: ClaimTrailEntry[];
  detailsHash: string;
  notifiedAt: string;
  lastTxId: string;
  updatedAt: string;
  /** Every disclosure of private fields to the regulator, oldest first (decision 0035). */
  disclosures?: ClaimDisclosure[];
}

/** The private part of a claim, in the insurer's collection: everything the stub does not say. */
export type ClaimDetails = Omit<ClaimRecord, keyof ClaimStub | 'history'> & {
  notes: ClaimNote[];
  salt: string;
};

/**
 * The claim record from its two parts: each step of the trail with its note;
 * a step without a note is a hold another notice's duplicate check placed.
 */
export function joinClaim(stub: ClaimStub, details: ClaimDetails): ClaimRecord {
  const history = stub.trail.map((entry, step) => {
    const note = details.notes.find((n) => n.step === step);
    return {
      ...entry,
      ...(note === undefined ? { actor: DUPLICATE_MATCH_ACTOR } : without(note, ['step'])),
    };
  });
  return {
    ...without(details, ['notes', 'salt']),
    ...without(stub, ['trail', 'detailsHash', 'disclosures']),
    history,
  };
}

function without<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Omit<T, K> {
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !(keys as readonly string[]).includes(key)),
  ) as Omit<T, K>;
}

/** The two parts of a claim record; `detailsHash` is the caller's to compute from the details. */
export function splitClaim(
  record: ClaimRecord,
  salt: string,
): { stub: Omit<ClaimStub, 'detailsHash'>; details: ClaimDetails } {
  const {
    claimId,
    policyId,
    insurerMsp,
    status,
    duplicateMatches,
    notifiedAt,
    lastTxId,
    updatedAt,
    history,
    ...rest
  } = record;
  const trail = history.map(({ action, from, to, txId, at }) => ({ action, from, to, txId, at }));
  const notes = history.flatMap(
    ({ actor, recipient, amount, reason, reference, against, documents }, step) =>
      actor === DUPLICATE_MATCH_ACTOR
        ? []
        : [{ step, actor, recipient, amount, reason, reference, against, documents }],
  );
  return {
    stub: {
      claimId,
      policyId,
      insurerMsp,
      status,
      duplicateMatches,
      trail,
      notifiedAt,
      lastTxId,
      updatedAt,
    },
    details: { ...rest, notes, salt },
  };
}

/**
 * Payload of ClaimsEvent.changed: which claim changed, under whose policy,
 * and to what status (decision 0009: amounts, the claimant, containers and
 * the eBL stay out of events).
 */
export interface ClaimChangedEvent {
  claimId: string;
  policyId: string;
  insurerMsp: string;
  status: ClaimStatus;
  lastTxId: string;
  updatedAt: string;
}

export function claimChangedEvent(claim: ClaimRecord | ClaimStub): ClaimChangedEvent {
  return {
    claimId: claim.claimId,
    policyId: claim.policyId,
    insurerMsp: claim.insurerMsp,
    status: claim.status,
    lastTxId: claim.lastTxId,
    updatedAt: claim.updatedAt,
  };
}
