import { hasValidCheckDigit } from '@pujiang/standards';
import {
  KEY_QUALIFIERS,
  PRIMARY_KEYS,
  aiOfSegment,
  matchesCharset,
  type PrimaryKeyRule,
} from './application-identifiers';
import { CANONICAL_DL_ORIGIN } from './epc-urn';
import { decodeAiValue, encodeAiValue } from './percent-encoding';

/** A Digital Link URI that does not identify anything under GS1's rules. */
export class DigitalLinkError extends Error {
  override readonly name = 'DigitalLinkError';
}

/** One GS1 element string: Application Identifier and its (decoded) value. */
export interface ElementString {
  readonly ai: string;
  readonly value: string;
}

/** What a Digital Link URI identifies, with the AIs named as the trade names them. */
export interface DigitalLink {
  readonly primaryKey: ElementString & { readonly name: string };
  /** Key qualifiers in path order (CPV, lot, serial; GLN extension; …). */
  readonly qualifiers: readonly ElementString[];
  /** Data attributes carried in the query string (`?17=260101`), by AI. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly gtin?: string;
  readonly cpv?: string;
  readonly lot?: string;
  readonly serial?: string;
  readonly gln?: string;
  readonly glnExtension?: string;
  readonly partyGln?: string;
  readonly sscc?: string;
  readonly grai?: string;
  readonly giai?: string;
  readonly gdti?: string;
  readonly gsrn?: string;
  readonly gsrnp?: string;
  readonly gcn?: string;
  readonly ginc?: string;
  readonly gsin?: string;
  readonly itip?: string;
  readonly cpid?: string;
  readonly cpidSerial?: string;
  readonly tpx?: string;
  readonly uic?: string;
  readonly srin?: string;
  /** The same identity on https://id.gs1.org, values percent-encoded, no query string. */
  readonly canonical: string;
}

interface PathParts {
  readonly keyAi: string;
  readonly keyValue: string;
  readonly qualifiers: readonly { ai: string; value: string }[];
  readonly query: string;
}

/**
 * Finds the primary-key segment in a Digital Link path: any host and any path prefix are
 * allowed (resolvers may live below a sub-path), the key is the first AI or short name whose
 * following segments pair up as AI/value to the end of the path.
 */
function splitPath(uri: string): PathParts | undefined {
  const match = /^https?:\/\/[^/?#]+(\/[^?#]*)?(?:\?([^#]*))?(?:#.*)?$/i.exec(uri);
  if (!match) return undefined;
  const segments = (match[1] ?? '').replace(/^\/|\/$/g, '').split('/');
  for (let start = 0; start + 1 < segments.length; start++) {
    const keyAi = aiOfSegment(segments[start]);
    if (!keyAi || !(keyAi in PRIMARY_KEYS)) continue;
    const rest = segments.slice(start + 2);
    if (rest.length % 2 !== 0) continue;
    const qualifiers: { ai: string; value: string }[] = [];
    let ok = true;
    for (let i = 0; i < rest.length; i += 2) {
      const ai = aiOfSegment(rest[i]);
      if (!ai || !(ai in KEY_QUALIFIERS) || rest[i + 1] === '') ok = false;
      else qualifiers.push({ ai, value: rest[i + 1] });
    }
    if (ok && segments[start + 1] !== '') {
      return { keyAi, keyValue: segments[start + 1], qualifiers, query: match[2] ?? '' };
    }
  }
  return undefined;
}

/** GTINs may be written in their 8, 12 or 13 digit form; Digital Link canonicalises to 14. */
function padGtin(ai: string, value: string): string {
  return ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(value) ? value.padStart(14, '0') : value;
}

/**
 * The identity an EPCIS event hash sees in a Digital Link URI (CBV 2.0, event hash ID): the
 * canonical https://id.gs1.org form, keeping only the finest level of identification: the CPV
 * and the query string are dropped, and a lot is dropped when a serial is present. Every value
 * is respelled canonically (encodeAiValue), so `A%2fB`, `A%2FB` and `%41%2FB` are one identity.
 * Undefined when the URI is not a Digital Link.
 */
export function canonicalDigitalLink(uri: string): string | undefined {
  const parts = splitPath(uri);
  if (!parts) return undefined;
  const hasSerial = parts.qualifiers.some((q) => q.ai === '21');
  const kept = parts.qualifiers.filter((q) => q.ai !== '22' && !(q.ai === '10' && hasSerial));
  const elements: ElementString[] = [];
  for (const { ai, value } of [{ ai: parts.keyAi, value: parts.keyValue }, ...kept]) {
    const decoded = decodeAiValue(value);
    if (decoded === undefined) return undefined;
    elements.push({ ai, value: decoded });
  }
  // Python's reference normaliser insists on four leading digits (a company prefix) in the key.
  if (!/^\d{4}/.test(elements[0]?.value ?? '')) return undefined;
  try {
    return buildDigitalLink(elements);
  } catch (error) {
    if (error instanceof URIError) return undefined; // a lone surrogate has no URI spelling
    throw error;
  }
}

function decode(value: string, ai: string): string {
  const decoded = decodeAiValue(value);
  if (decoded === undefined) {
    throw new DigitalLinkError(`AI (${ai}) value '${value}' has a broken percent-encoding`);
  }
  return decoded;
}

function checkPrimaryKey(rule: PrimaryKeyRule, value: string): void {
  const fail = (why: string): never => {
    throw new DigitalLinkError(`AI (${rule.ai}) ${rule.name} '${value}' ${why}`);
  };
  if (rule.value && !rule.value.test(value)) fail('is not well formed');
  if (rule.checkedDigits === undefined) return;
  const head = value.slice(0, rule.checkedDigits);
  const tail = value.slice(rule.checkedDigits);
  if (!/^\d+$/.test(head) || head.length !== rule.checkedDigits) {
    fail(`must start with ${rule.checkedDigits} digits`);
  }
  if (!hasValidCheckDigit(head)) fail('has a wrong check digit');
  if (tail && !rule.tail) fail('is too long');
  if (rule.tail && tail.length > rule.tail.maxLength) fail('has too long a serial part');
  if (rule.tail && tail && !matchesCharset(tail, rule.tail.charset)) fail('has bad characters');
}

function checkQualifierOrder(rule: PrimaryKeyRule, ais: readonly string[]): void {
  if (ais.length === 0) return;
  const fits = rule.qualifierPaths.some((path) => {
    let at = -1;
    return ais.every((ai) => {
      const next = path.indexOf(ai);
      if (next <= at) return false;
      at = next;
      return true;
    });
  });
  if (!fits) {
    const allowed = rule.qualifierPaths.map((p) => p.join('/')).join(' or ') || 'none';
    throw new DigitalLinkError(
      `qualifiers ${ais.join('/')} are not allowed after AI (${rule.ai}) in that order (allowed: ${allowed})`,
    );
  }
}

function parseAttributes(query: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    // Non-AI parameters (linkType, context …) steer the resolver, they are not identity.
    if (/^\d{2,4}$/.test(key) && eq >= 0) attributes[key] = decode(pair.slice(eq + 1), key);
  }
  return attributes;
}

/**
 * Parses and validates a GS1 Digital Link URI: the primary key with its check digit, the key
 * qualifiers allowed for it in the order GS1 prescribes (01 → 22 → 10 → 21), and AI data
 * attributes from the query string. Throws DigitalLinkError when it is not valid.
 */
export function parseDigitalLink(uri: string): DigitalLink {
  const parts = splitPath(uri);
  if (!parts) throw new DigitalLinkError(`'${uri}' is not a GS1 Digital Link URI`);
  const rule = PRIMARY_KEYS[parts.keyAi];
  const keyValue = padGtin(parts.keyAi, decode(parts.keyValue, parts.keyAi));
  checkPrimaryKey(rule, keyValue);
  checkQualifierOrder(
    rule,
    parts.qualifiers.map((q) => q.ai),
  );
  const qualifiers = parts.qualifiers.map(({ ai, value }) => {
    const decoded = decode(value, ai);
    const q = KEY_QUALIFIERS[ai];
    if (decoded.length > q.maxLength || !matchesCharset(decoded, q.charset)) {
      throw new DigitalLinkError(`AI (${ai}) ${q.name} '${decoded}' is not well formed`);
    }
    return { ai, value: decoded };
  });
  const named = Object.fromEntries(
    qualifiers.map((q) => [KEY_QUALIFIERS[q.ai].name, q.value] as const),
  );
  return {
    primaryKey: { ai: rule.ai, name: rule.name, value: keyValue },
    qualifiers,
    attributes: parseAttributes(parts.query),
    ...named,
    [rule.name]: keyValue,
    canonical: buildDigitalLink([{ ai: rule.ai, value: keyValue }, ...qualifiers]),
  };
}

/**
 * The canonical Digital Link URI for a primary key and its qualifiers, given as decoded values:
 * a GTIN in its 14-digit form, each value percent-encoded as encodeAiValue writes it. On
 * https://id.gs1.org unless another origin is given (no trailing slash; '' for the path alone).
 */
export function buildDigitalLink(
  elements: readonly ElementString[],
  origin: string = CANONICAL_DL_ORIGIN,
): string {
  const path = elements.flatMap(({ ai, value }) => [ai, encodeAiValue(padGtin(ai, value))]);
  return [origin, ...path].join('/');
}

/** The Digital Link of a batch/lot (AI 10) of a trade item: `/01/{GTIN-14}/10/{lot}`. */
export function lotDigitalLink(gtin: string, lot: string, origin?: string): string {
  return buildDigitalLink(
    [
      { ai: '01', value: gtin },
      { ai: '10', value: lot },
    ],
    origin,
  );
}

/**
 * The GTIN-14 and lot (decoded) that a Digital Link of a lot names: a GTIN with a batch/lot and
 * no serial, on any host. Undefined for any other URI. Not a validation: check digits are not
 * checked, so every identifier the repository indexed as a lot reads back as one.
 */
export function lotOfDigitalLink(uri: string): { gtin: string; lot: string } | undefined {
  const parts = splitPath(uri);
  if (parts?.keyAi !== '01' || parts.qualifiers.some((q) => q.ai === '21')) return undefined;
  const segment = parts.qualifiers.find((q) => q.ai === '10')?.value;
  const gtin = padGtin('01', decodeAiValue(parts.keyValue) ?? '');
  const lot = segment === undefined ? undefined : decodeAiValue(segment);
  return /^\d{14}$/.test(gtin) && lot !== undefined ? { gtin, lot } : undefined;
}

/** The Digital Link of a logistic unit: `/00/{SSCC}`. */
export function ssccDigitalLink(sscc: string, origin?: string): string {
  return buildDigitalLink([{ ai: '00', value: sscc }], origin);
}
