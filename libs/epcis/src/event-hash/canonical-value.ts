import { cbvUrnAsWebUri, isBareWord, vocabularyUri, type Vocabulary } from '../cbv/cbv-value';
import { canonicalIdentifier } from '../digital-link';
import { expandValue, type Namespaces } from './namespaces';

export type { Vocabulary } from '../cbv/cbv-value';

/** Input the hash cannot be computed from (not an event, an unreadable timestamp …). */
export class EventHashError extends Error {
  override readonly name = 'EventHashError';
}

/**
 * A timestamp in UTC at millisecond precision (`2020-03-04T10:00:30.000Z`), so that the same
 * instant written with any offset or precision hashes the same. Digits beyond the microsecond
 * are cut and the microseconds rounded half to even, as the reference implementation does.
 */
export function canonicalTime(text: string): string {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      text.trim(),
    );
  if (!match) throw new EventHashError(`'${text}' is not an ISO 8601 date-time`);
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const micros = Number(fraction.slice(0, 6).padEnd(6, '0'));
  const millis = Math.floor(micros / 1000);
  const rest = micros % 1000;
  const rounded = rest > 500 || (rest === 500 && millis % 2 === 1) ? millis + 1 : millis;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const utc =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) +
    rounded -
    offsetMinutes * 60_000;
  if (!Number.isFinite(utc)) throw new EventHashError(`'${text}' is not a valid date-time`);
  return new Date(utc).toISOString();
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The canonical lexical form of a number: no sign on positives, no leading zeros, no trailing
 * fractional zeros, integers without a decimal point (`452.0` → `452`, `+0.50` → `0.5`).
 * Written like Python's repr of a float, the form the reference vectors were produced with.
 */
export function canonicalNumber(value: number): string {
  if (!Number.isFinite(value)) throw new EventHashError(`${value} is not a finite number`);
  if (Number.isInteger(value)) return BigInt(value).toString();
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * Numeric-looking text in its canonical number form; other text unchanged. Text beyond a
 * double's range (`1E309` in a user extension) is not a number anyone can compare, so it is
 * hashed as written instead of failing the whole event.
 */
function canonicalNumericText(text: string): string {
  if (!DECIMAL.test(text)) return text;
  const value = Number(text);
  return Number.isFinite(value) ? canonicalNumber(value) : text;
}

/**
 * An identifier-or-text value as the pre-hash string writes it: compact IRIs expanded, CBV URNs
 * as web URIs, numbers canonical, and GS1 keys (EPC URNs or Digital Links on any host) as
 * canonical Digital Link URIs.
 */
export function canonicalText(
  text: string,
  namespaces: Namespaces,
  vocabulary?: Vocabulary,
): string {
  const value = text.trim();
  if (vocabulary && isBareWord(value)) return vocabularyUri(value, vocabulary);
  const expanded = expandValue(value, namespaces);
  return cbvUrnAsWebUri(expanded) ?? canonicalIdentifier(canonicalNumericText(expanded));
}
