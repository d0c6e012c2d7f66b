import {
  CLAIM_ID_PATTERN,
  CURRENCY_PATTERN,
  ISO_DATE_PATTERN,
  LedgerParty,
  MINOR_UNITS_PATTERN,
  POLICY_ID_PATTERN,
  SHA256_HEX_PATTERN,
  TRANSPORT_DOCUMENT_REFERENCE_PATTERN,
} from '../../../../libs/contracts/src/ledger';
import { isNormalisedContainerNumber } from '../../../../libs/standards/src';
import { isKeySafe, mspIdOfParty } from '../../domain/ledger-names';
import { invalid } from './json-input';

/** Free text on a public ledger: short, no surrounding blanks, nothing a key or log cannot carry. */
const FREE_TEXT = /^\S(?:.*\S)?$/;
export const MAX_FREE_TEXT = 255;

export function parseClaimId(raw: string, name = 'claimId'): string {
  return CLAIM_ID_PATTERN.test(raw) ? raw : invalid(`${name} must be a lower-case UUID`);
}

export function parsePolicyId(raw: string, name = 'policyId'): string {
  return POLICY_ID_PATTERN.test(raw)
    ? raw
    : invalid(
        `${name} must be 1 to 64 letters, digits or . _ : -, starting with a letter or digit`,
      );
}

export function parseSha256(raw: string, name: string): string {
  return SHA256_HEX_PATTERN.test(raw)
    ? raw
    : invalid(`${name} must be 64 lower-case hex (SHA-256)`);
}

const SALT = /^[0-9a-f]{16,128}$/;

/** A salt that keeps a private record from being guessed from its public hash. */
export function parseSalt(raw: string, name: string): string {
  return SALT.test(raw) ? raw : invalid(`${name} must be 16 to 128 lower-case hex digits`);
}

export function parseCurrency(raw: string, name = 'currency'): string {
  return CURRENCY_PATTERN.test(raw) ? raw : invalid(`${name} must be an ISO 4217 code`);
}

export function parseFreeText(raw: string, name: string, max = MAX_FREE_TEXT): string {
  if (!FREE_TEXT.test(raw) || raw.length > max || !isKeySafe(raw)) {
    invalid(`${name} must be 1 to ${max} characters without surrounding blanks`);
  }
  return raw;
}

export function parseOptionalFreeText(raw: string, name: string): string | undefined {
  return raw === '' ? undefined : parseFreeText(raw, name);
}

export function parseEblReference(raw: string, name = 'eblReference'): string {
  return TRANSPORT_DOCUMENT_REFERENCE_PATTERN.test(raw) && isKeySafe(raw)
    ? raw
    : invalid(`${name} must be 1 to 20 visible characters`);
}

export function parseContainer(raw: unknown, name: string): string {
  return typeof raw === 'string' && isNormalisedContainerNumber(raw)
    ? raw
    : invalid(`${name} must be an ISO 6346 container number with a valid check digit`);
}

/** Any ledger party `mspId::commonName`; `mspId` narrows it to one organisation. */
export function parseParty(raw: string, name: string, mspId?: string): LedgerParty {
  const of = mspIdOfParty(raw);
  if (of === undefined) invalid(`${name} must be a ledger party 'mspId::commonName'`);
  if (mspId !== undefined && of !== mspId) invalid(`${name} must be a party of ${mspId}`);
  return raw;
}

/**
 * Money in minor units of the currency, as a digit string: JSON numbers lose
 * precision above 2^53 and would tempt someone to divide. Compared as BigInt.
 */
export function parseMinorUnits(raw: string, name: string): string {
  return MINOR_UNITS_PATTERN.test(raw)
    ? raw
    : invalid(`${name} must be a whole number of minor units written as digits`);
}

export function parsePositiveMinorUnits(raw: string, name: string): string {
  const amount = parseMinorUnits(raw, name);
  if (amount === '0') invalid(`${name} must be more than 0`);
  return amount;
}

export function units(amount: string): bigint {
  return BigInt(amount);
}

export function subtractUnits(minuend: string, subtrahend: string): string {
  return (units(minuend) - units(subtrahend)).toString();
}

export function addUnits(first: string, second: string): string {
  return (units(first) + units(second)).toString();
}

/** An ISO 8601 calendar date that exists (no 30 February). Compared as text: YYYY-MM-DD sorts. */
export function parseIsoDate(raw: string, name: string): string {
  if (!ISO_DATE_PATTERN.test(raw) || shiftDate(raw, 0) !== raw) {
    invalid(`${name} must be a calendar date YYYY-MM-DD`);
  }
  return raw;
}

/** The date `days` later, in whole UTC days: no clock, no time zone. */
export function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days));
  return shifted.toISOString().slice(0, 10);
}

/** The UTC calendar date of a transaction timestamp. */
export function dateOf(at: string): string {
  return at.slice(0, 10);
}
