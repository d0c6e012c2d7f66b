import { LedgerParty } from './ebl';

/**
 * The TraceAccess chaincode contract as both sides see it (issue 14): who may
 * see whose traceability events. The chaincode records grants and revocations;
 * the traceability service reads them and judges each event with grantCovers,
 * so the ledger and the service never disagree on what a grant means.
 */
export const TRACE_ACCESS_CONTRACT = 'TraceAccess';

export const TraceAccessTransaction = {
  grant: 'grant',
  revoke: 'revoke',
  readGrant: 'readGrant',
  listGrants: 'listGrants',
} as const;

/** Each carries the whole AccessGrant record, as written to state. */
export const TraceAccessEvent = {
  granted: 'AccessGranted',
  revoked: 'AccessRevoked',
} as const;

/**
 * The grantee of a publication, and the viewer of the public consumer page.
 * Reserved: an organisation whose MSP id is `PUBLIC` cannot be granted to.
 */
export const PUBLIC_GRANTEE = 'PUBLIC';

export const AccessScopeKind = {
  /** Every event the granter captured. */
  all: 'all',
  companyPrefix: 'companyPrefix',
  gtin: 'gtin',
  lot: 'lot',
} as const;
export type AccessScopeKind = (typeof AccessScopeKind)[keyof typeof AccessScopeKind];

/**
 * What publishing may cover. The issue scopes publishing by company prefix or
 * GTIN: `all` would publish a granter's whole supply chain at once, and a lot
 * is too narrow to be a product page (and would reveal lot-level volumes).
 */
export const PUBLISHABLE_SCOPE_KINDS: readonly AccessScopeKind[] = [
  AccessScopeKind.companyPrefix,
  AccessScopeKind.gtin,
];

/**
 * Which of the granter's events a grant covers. `value` is the GS1 key the
 * scope is named by: a GS1 company prefix, or a GTIN-14 (for `gtin` and `lot`);
 * a lot scope adds the batch/lot number (AI 10) of that GTIN.
 */
export type AccessScope =
  | { kind: typeof AccessScopeKind.all }
  | { kind: typeof AccessScopeKind.companyPrefix; value: string }
  | { kind: typeof AccessScopeKind.gtin; value: string }
  | { kind: typeof AccessScopeKind.lot; value: string; lot: string };

/** The `grantJson` argument of `grant`, once read: the scope defaults to `all`. */
export interface AccessGrantRequest {
  /** An MSP id, or PUBLIC_GRANTEE to publish. */
  grantee: string;
  scope: AccessScope;
  /** ISO 8601 UTC, normalised to milliseconds (`2027-01-01T00:00:00.000Z`). */
  expiresAt?: string;
}

/** What the ledger holds for one grant, under the key (granterMspId, grantId). */
export interface AccessGrant extends AccessGrantRequest {
  grantId: string;
  /** The signer's MSP: an organisation grants access to its own events only. */
  granterMspId: string;
  /** Transaction time of the grant (ISO 8601 UTC), never a peer's clock. */
  grantedAt: string;
  /** The accountable author: the signer's MSP and certificate CN. */
  grantedBy: LedgerParty;
  /** The transaction that granted. */
  txId: string;
  revokedAt?: string;
  revokedBy?: LedgerParty;
  /** The transaction that revoked, for the audit trail from the record alone. */
  revokedTxId?: string;
}

/** Fits a composite key attribute and a URL path segment; a UUID fits. */
export const GRANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** GS1 company prefix, 6 to 12 digits as the EPC Tag Data Standard partitions a GTIN. */
export const GS1_COMPANY_PREFIX_PATTERN = /^\d{6,12}$/;
/** Shape only: the check digit is libs/standards' hasValidCheckDigit. */
export const GTIN14_PATTERN = /^\d{14}$/;
/** Who looks at an event, and which event: the question grantCovers answers. */
export interface AccessQuery {
  /** The viewing organisation's MSP id, or PUBLIC_GRANTEE for the consumer page. */
  viewer: string;
  /** MSP id of the organisation that captured the event. */
  capturingOrganisation: string;
  /** The trade item the event is about, as a GTIN-14; absent when it names none. */
  gtin14?: string;
  /** Its batch/lot number (AI 10), when the event names one. */
  lot?: string;
  /** The instant access is judged at (ISO 8601), usually now. */
  at: string;
}

/**
 * Whether one grant lets `viewer` see one event at `at`. A grant is in force
 * over [grantedAt, min(revokedAt, expiresAt)): a revocation or an expiry takes
 * effect at its own instant, and a later revocation does not undo what the
 * grant allowed before it. An organisation's own events need no grant: that
 * is the caller's rule, not a grant's. Fails closed on an unreadable instant.
 */
export function grantCovers(grant: AccessGrant, query: AccessQuery): boolean {
  if (grant.granterMspId !== query.capturingOrganisation) return false;
  if (grant.grantee !== query.viewer) return false;
  if (grant.grantee === PUBLIC_GRANTEE && !PUBLISHABLE_SCOPE_KINDS.includes(grant.scope.kind)) {
    return false; // refused by the chaincode; never honoured should one reach the ledger
  }
  const at = Date.parse(query.at);
  if (Number.isNaN(at) || !(at >= Date.parse(grant.grantedAt))) return false;
  if (grant.revokedAt !== undefined && !(at < Date.parse(grant.revokedAt))) return false;
  if (grant.expiresAt !== undefined && !(at < Date.parse(grant.expiresAt))) return false;
  return scopeCovers(grant.scope, query);
}

/** An event that names no trade item is covered only by an `all` scope. */
function scopeCovers(scope: AccessScope, { gtin14, lot }: AccessQuery): boolean {
  switch (scope.kind) {
    case AccessScopeKind.all:
      return true;
    case AccessScopeKind.companyPrefix:
      // A GTIN-14 is an indicator digit, then the company prefix and item reference.
      return gtin14 !== undefined && gtin14.startsWith(scope.value, 1);
    case AccessScopeKind.gtin:
      return gtin14 === scope.value;
    case AccessScopeKind.lot:
      return gtin14 === scope.value && lot === scope.lot;
  }
}
