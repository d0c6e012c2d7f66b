import {
  AccessGrantRequest,
  AccessScope,
  AccessScopeKind,
  GS1_COMPANY_PREFIX_PATTERN,
  GTIN14_PATTERN,
  PUBLIC_GRANTEE,
  PUBLISHABLE_SCOPE_KINDS,
} from './trace-access';
import { MSP_ID_PATTERN } from './trace-anchor';
// Relative, not @pujiang/standards: the chaincode compiles this file too.
import { GS1_LOT_PATTERN, hasValidCheckDigit } from '../../../standards/src';

/**
 * Reading a grant request, once for the chaincode (`grantJson`) and the
 * traceability service (its request body), so both refuse the same requests.
 * Only what depends on nothing but the request is here; what depends on the
 * signer or the transaction time (no grant to oneself, an expiry in the
 * future) is the chaincode's to decide.
 */

/** Where a request is wrong (a JSON pointer into it) and why. */
export interface AccessGrantProblem {
  pointer: string;
  detail: string;
}

export type AccessGrantParse =
  { ok: true; request: AccessGrantRequest } | { ok: false; problem: AccessGrantProblem };

const REQUEST_KEYS = ['grantee', 'scope', 'expiresAt'];
/** Every key a scope of each kind has, all of them required. */
const SCOPE_KEYS: Readonly<Record<AccessScopeKind, readonly string[]>> = {
  all: ['kind'],
  companyPrefix: ['kind', 'value'],
  gtin: ['kind', 'value'],
  lot: ['kind', 'value', 'lot'],
};
const LOT_RULE = "1 to 20 characters of GS1's CSET 82 (AI 10)";
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export function parseAccessGrantRequest(input: unknown): AccessGrantParse {
  try {
    return { ok: true, request: readRequest(input) };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: { ...error.problem } };
    throw error;
  }
}

/**
 * An ISO 8601 UTC instant in the one form the ledger stores (milliseconds,
 * `Z`), so that records compare as text too; undefined when it is not one
 * (a date that does not exist, such as 2027-02-30, included).
 */
export function normaliseUtcInstant(raw: string): string | undefined {
  if (!UTC_INSTANT.test(raw)) return undefined;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) return undefined;
  const normalised = date.toISOString();
  return normalised.slice(0, 19) === raw.slice(0, 19) ? normalised : undefined;
}

/** Thrown only inside this module, to stop at the first problem. */
class Problem extends Error {
  constructor(readonly problem: AccessGrantProblem) {
    super(`${problem.pointer}: ${problem.detail}`);
  }
}

function fail(pointer: string, detail: string): never {
  throw new Problem({ pointer, detail });
}

function readRequest(input: unknown): AccessGrantRequest {
  const body = objectWith(input, '', REQUEST_KEYS);
  const grantee = body.grantee;
  if (typeof grantee !== 'string') return fail('/grantee', 'is required');
  if (grantee !== PUBLIC_GRANTEE && !MSP_ID_PATTERN.test(grantee)) {
    fail('/grantee', `must be an MSP id or ${PUBLIC_GRANTEE}`);
  }
  const scope: AccessScope = body.scope === undefined ? { kind: 'all' } : readScope(body.scope);
  if (grantee === PUBLIC_GRANTEE && !PUBLISHABLE_SCOPE_KINDS.includes(scope.kind)) {
    fail('/scope', `publishing to ${PUBLIC_GRANTEE} must be scoped by companyPrefix or gtin`);
  }
  if (body.expiresAt === undefined) return { grantee, scope };
  const expiresAt =
    typeof body.expiresAt === 'string' ? normaliseUtcInstant(body.expiresAt) : undefined;
  return expiresAt === undefined
    ? fail('/expiresAt', 'must be an ISO 8601 UTC date-time (YYYY-MM-DDThh:mm:ss[.sss]Z)')
    : { grantee, scope, expiresAt };
}

function readScope(input: unknown): AccessScope {
  const kind = isObject(input) ? input.kind : undefined;
  if (!isScopeKind(kind)) {
    return fail('/scope/kind', `must be one of ${Object.values(AccessScopeKind).join(', ')}`);
  }
  const scope = objectWith(input, '/scope', SCOPE_KEYS[kind]);
  const gtin14 = (): string => {
    const value = scope.value;
    const valid = typeof value === 'string' && GTIN14_PATTERN.test(value);
    return valid && hasValidCheckDigit(value)
      ? value
      : fail('/scope/value', 'must be a GTIN-14 with a valid check digit');
  };
  switch (kind) {
    case AccessScopeKind.all:
      return { kind: AccessScopeKind.all };
    case AccessScopeKind.companyPrefix:
      return {
        kind: AccessScopeKind.companyPrefix,
        value: matching(scope.value, GS1_COMPANY_PREFIX_PATTERN, '/scope/value', '6 to 12 digits'),
      };
    case AccessScopeKind.gtin:
      return { kind: AccessScopeKind.gtin, value: gtin14() };
    case AccessScopeKind.lot:
      return {
        kind: AccessScopeKind.lot,
        value: gtin14(),
        lot: matching(scope.lot, GS1_LOT_PATTERN, '/scope/lot', LOT_RULE),
      };
  }
}

function isScopeKind(value: unknown): value is AccessScopeKind {
  return (Object.values(AccessScopeKind) as unknown[]).includes(value);
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with no key but the allowed ones, so nothing unchecked reaches the ledger. */
function objectWith(
  value: unknown,
  pointer: string,
  allowed: readonly string[],
): Readonly<Record<string, unknown>> {
  if (!isObject(value)) return fail(pointer, 'must be a JSON object');
  const unknownKey = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknownKey !== undefined) fail(`${pointer}/${unknownKey}`, 'is not allowed here');
  return value;
}

function matching(value: unknown, pattern: RegExp, pointer: string, what: string): string {
  return typeof value === 'string' && pattern.test(value)
    ? value
    : fail(pointer, `must be ${what}`);
}
