import {
  EventHashError,
  canonicalNumber,
  canonicalText,
  canonicalTime,
  type Vocabulary,
} from './canonical-value';
import {
  EVENT_TYPES,
  IGNORED_FIELDS,
  ORDERED_FIELDS,
  TAIL_FIELDS,
  type FieldRule,
} from './field-order';
import { asList, isJsonObject, type JsonObject, type JsonValue } from './json';
import {
  STANDARD_NAMESPACES,
  expandKey,
  isExtensionKey,
  withContext,
  type Namespaces,
} from './namespaces';

/** What an event's hash depends on besides the event: the document it came in. */
export interface EventHashContext {
  /** The `@context` of the enclosing EPCIS document; it defines the extension prefixes. */
  readonly jsonLdContext?: unknown;
  /**
   * Repository-private members to leave out (compact or `{namespace}local` names), as listed in
   * a document's `…:ignoreFields` member; top-level event members only.
   */
  readonly ignoreFields?: readonly string[];
}

const RDFS_COMMENT = '{http://www.w3.org/2000/01/rdf-schema#}comment';

/** Comments explain an event to people; they are not part of what happened. */
function isComment(key: string, namespaces: Namespaces): boolean {
  return key === 'comment' || expandKey(key, namespaces) === RDFS_COMMENT;
}

/** Lexical order by code point, as the reference implementation sorts (not UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  if (!/[\uD800-\uDFFF]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

const sorted = (parts: string[]): string[] => parts.sort(compareCodePoints);

class PreHashWriter {
  constructor(private readonly namespaces: Namespaces) {}

  scalar(value: string | number | boolean, vocabulary?: Vocabulary): string {
    if (typeof value === 'number') return canonicalNumber(value);
    if (typeof value === 'boolean') return String(value);
    return canonicalText(value, this.namespaces, vocabulary);
  }

  /** Every rendering of one standard field (one per value when it holds a list), unsorted. */
  rule(rule: FieldRule, value: JsonValue | undefined): string[] {
    switch (rule.kind) {
      case 'value':
        return asList(value).flatMap((v) => this.value(rule, v));
      case 'object':
        return asList(value).flatMap((v) =>
          isJsonObject(v) ? this.object(rule.name, rule.fields, v) : this.generic(rule.name, v),
        );
      case 'list': {
        const items = sorted(asList(value).flatMap((v) => this.rule(rule.item, v)));
        return items.length > 0 ? [rule.name + items.join('')] : [];
      }
    }
  }

  private value(rule: Extract<FieldRule, { kind: 'value' }>, value: JsonValue): string[] {
    if (value === null) return [];
    if (typeof value === 'object') return this.generic(rule.name, value);
    const text =
      rule.time && typeof value === 'string'
        ? canonicalTime(value)
        : this.scalar(value, rule.vocabulary);
    return text === '' ? [] : [`${rule.name}=${text}`];
  }

  private object(name: string, fields: readonly FieldRule[], value: JsonObject): string[] {
    const standard = fields.map((f) => sorted(this.rule(f, value[f.name])).join('')).join('');
    const extensions = Object.keys(value)
      .filter((key) => isExtensionKey(key, this.namespaces) && !isComment(key, this.namespaces))
      .flatMap((key) => this.generic(key, value[key]));
    const body = standard + sorted(extensions).join('');
    return body === '' ? [] : [name + body];
  }

  /** User extensions and ILMD: `{namespace}name=value`, nested members sorted lexically. */
  generic(key: string, value: JsonValue): string[] {
    const name = expandKey(key, this.namespaces);
    if (value === null) return [];
    if (Array.isArray(value)) return value.flatMap((v) => this.generic(key, v));
    if (!isJsonObject(value)) {
      const text = this.scalar(value);
      return [text === '' ? name : `${name}=${text}`];
    }
    const members = Object.keys(value)
      .filter((k) => !k.startsWith('@') && !isComment(k, this.namespaces))
      .flatMap((k) => this.generic(k, value[k]));
    return [name + sorted(members).join('')];
  }
}

const ORDERED_NAMES = new Set(ORDERED_FIELDS.map((f) => f.name));
const TAIL_RULES = new Map(TAIL_FIELDS.map((f) => [f.name, f]));

/**
 * The canonical pre-hash string of an EPCIS 2.0 event in its JSON(-LD) form (GS1 CBV 2.0,
 * "Event hash ID"): `eventType=…`, then the standard fields in their fixed order, then the
 * remaining fields (business transactions, sources, destinations, ILMD, user extensions),
 * each rendered and sorted lexically.
 */
export function eventPreHashString(event: unknown, context: EventHashContext = {}): string {
  if (!isJsonObject(event)) throw new EventHashError('an EPCIS event must be a JSON object');
  const type = event['type'];
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) {
    const what = typeof type === 'string' ? `'${type}'` : 'no type';
    throw new EventHashError(`${what} is not an EPCIS event type`);
  }
  const namespaces = withContext(
    withContext(STANDARD_NAMESPACES, context.jsonLdContext),
    event['@context'],
  );
  const ignored = new Set((context.ignoreFields ?? []).map((f) => expandKey(f, namespaces)));
  const writer = new PreHashWriter(namespaces);

  const head = ORDERED_FIELDS.map((rule) => sorted(writer.rule(rule, event[rule.name])).join(''));
  const tail = Object.keys(event)
    .filter(
      (key) =>
        !ORDERED_NAMES.has(key) &&
        !IGNORED_FIELDS.has(key) &&
        !key.startsWith('@') &&
        !isComment(key, namespaces) &&
        !ignored.has(expandKey(key, namespaces)),
    )
    .flatMap((key) => {
      const rule = TAIL_RULES.get(key);
      return rule ? writer.rule(rule, event[key]) : writer.generic(key, event[key]);
    });
  return `eventType=${type}${head.join('')}${sorted(tail).join('')}`;
}
