import * as jsonld from 'jsonld';
import { EPCIS_CONTEXT } from '../context';
import { isJsonObject, type JsonObject, type JsonValue } from '../event-hash/json';
import standardContext from './contexts/epcis-context.json';
import { UnknownContextError, localDocumentLoader } from './local-contexts';

/** The document cannot be read as JSON-LD (bad context, data JSON-LD would drop…). */
export class JsonLdDocumentError extends Error {}

export { UnknownContextError };

/**
 * The standard context's terms, less its namespace prefixes (`cbvmda`, `gs1`…): a document may
 * bind such a prefix to its own namespace (GS1's own all-fields examples bind `cbvmda`) and
 * still be in the standard form; the hash resolves its extensions through that binding.
 */
const STANDARD_TERMS = new Set(
  Object.entries(standardContext['@context'])
    .filter(([, value]) => !(typeof value === 'string' && /[/:#]$/.test(value)))
    .map(([key]) => key),
);

/**
 * Whether a document is already written the standard way as far as its @context goes: the
 * standard EPCIS context first, then only namespace prefixes and extension-term definitions
 * (keys with a colon), none of which can change what a standard field means. A constant-time
 * look at @context alone; the JSON Schema then checks the rest (arrays, `type`, field names).
 */
export function hasStandardContext(document: unknown): boolean {
  if (!isJsonObject(document)) return false;
  const context = document['@context'];
  if (context === EPCIS_CONTEXT) return true;
  if (!Array.isArray(context) || context[0] !== EPCIS_CONTEXT) return false;
  return context
    .slice(1)
    .every(
      (local) =>
        isJsonObject(local) &&
        Object.entries(local).every(([key, value]) =>
          key.includes(':')
            ? !key.startsWith('@')
            : !key.startsWith('@') && !STANDARD_TERMS.has(key) && typeof value === 'string',
        ),
    );
}

/**
 * The document, read as JSON-LD (its contexts from local copies only), rewritten in the
 * standard form: the standard context, the standard term for every field, lists as lists,
 * `eventID` for an event's @id. Namespace prefixes the document declared are kept, so its
 * extensions keep their names. Same meaning, so the same event hash IDs.
 */
export async function toStandardForm(document: JsonObject): Promise<JsonObject> {
  const { prefixes, terms } = declaredTerms(document['@context']);
  const local = { ...prefixes, ...terms };
  const context = [EPCIS_CONTEXT, ...(Object.keys(local).length > 0 ? [local] : [])];
  try {
    const expanded = await jsonld.expand(document, {
      documentLoader: localDocumentLoader,
      safe: true,
    } as jsonld.Options.Expand);
    const compacted = (await jsonld.compact(
      plainStrings(expanded) as jsonld.JsonLdDocument,
      { '@context': context } as unknown as jsonld.ContextDefinition,
      {
        documentLoader: localDocumentLoader,
        safe: true,
        compactToRelative: false,
      } as jsonld.Options.Compact,
    )) as JsonObject;
    return standardShape({ ...compacted, '@context': context }, prefixes);
  } catch (error) {
    const unknown = unknownContextIn(error);
    if (unknown !== undefined) throw unknown;
    throw new JsonLdDocumentError(`the document is not valid JSON-LD: ${messageOf(error)}`);
  }
}

/**
 * What the document's own context objects declare that the standard form keeps: namespace
 * prefixes (`prefix: IRI`) and definitions of extension terms (`"rail:count": {"@type": …}`),
 * so that extensions compact to the names and types the document gave them.
 */
function declaredTerms(context: JsonValue | undefined): {
  prefixes: Record<string, string>;
  terms: JsonObject;
} {
  const prefixes: Record<string, string> = {};
  const terms: JsonObject = {};
  for (const local of Array.isArray(context) ? context : [context]) {
    if (!isJsonObject(local)) continue;
    for (const [key, value] of Object.entries(local)) {
      if (key.includes(':') && !key.startsWith('@') && isJsonObject(value)) terms[key] = value;
      else if (
        typeof value === 'string' &&
        !key.startsWith('@') &&
        !key.includes(':') &&
        !STANDARD_TERMS.has(key) &&
        /^[a-z][a-z0-9+.-]*:/i.test(value)
      ) {
        prefixes[key] = value;
      }
    }
  }
  return { prefixes, terms };
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/**
 * The expanded document with `"x"^^xsd:string` as plain `"x"`: the same RDF literal (RDF 1.1),
 * but only the plain one compacts to a bare string under the standard context, which leaves
 * such fields untyped where the simple context types them.
 */
function plainStrings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainStrings);
  if (!isJsonObject(value)) return value;
  if (value['@type'] === XSD_STRING && typeof value['@value'] === 'string') {
    return { '@value': value['@value'] };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainStrings(v)]));
}

/**
 * What compaction leaves different from the standard form. A list of one event compacts to
 * the event itself (eventList has no @set container). The standard context has several terms
 * for @id (`id`, `eventID`, a business transaction's `bizTransaction`) and compaction picks
 * the shortest, `id`; and it writes a readPoint or bizLocation that is only an @id as a string.
 */
function standardShape(document: JsonObject, prefixes: Record<string, string>): JsonObject {
  // A blank node names nothing outside the document: the standard form has no such id.
  if (typeof document['id'] === 'string' && document['id'].startsWith('_:')) {
    delete document['id'];
  }
  const body = document['epcisBody'];
  if (!isJsonObject(body)) return document;
  const results = body['queryResults'];
  const holder = isJsonObject(results) ? results['resultsBody'] : body;
  if (isJsonObject(holder) && holder['eventList'] !== undefined) {
    const list = holder['eventList'];
    holder['eventList'] = (Array.isArray(list) ? list : [list]).map((event) =>
      isJsonObject(event) ? standardEvent(event, prefixes) : event,
    );
  }
  return document;
}

/** Fields whose value is a term of a vocabulary; a value in a declared namespace stays an IRI. */
const VOCABULARY_FIELDS = new Set(['bizStep', 'disposition', 'reason', 'set', 'unset']);
const TYPED_ITEM_LISTS = new Set(['bizTransactionList', 'sourceList', 'destinationList']);
/** The GS1 Web Vocabulary as the simple context writes it; the standard form uses the bare term. */
const GS1_VOCABULARY = 'https://ref.gs1.org/voc/';

function standardEvent(event: JsonObject, prefixes: Record<string, string>): JsonObject {
  const { id, ...fields } = event;
  const standard = standardFields(id === undefined ? fields : { eventID: id, ...fields }, prefixes);
  for (const place of ['readPoint', 'bizLocation']) {
    if (typeof standard[place] === 'string') standard[place] = { id: standard[place] };
  }
  const persistent = standard['persistentDisposition'];
  if (Array.isArray(persistent) && persistent.length === 1) {
    standard['persistentDisposition'] = persistent[0] ?? null;
  }
  for (const list of TYPED_ITEM_LISTS) {
    const items = standard[list];
    if (!Array.isArray(items)) continue;
    standard[list] = items.map((item) =>
      isJsonObject(item) ? typedItem(list, item, prefixes) : item,
    );
  }
  const sensors = standard['sensorElementList'];
  if (Array.isArray(sensors)) {
    standard['sensorElementList'] = sensors.map((sensor) => {
      if (!isJsonObject(sensor)) return sensor;
      // The simple context types a sensor element; the standard form leaves that implied.
      const { type, ...element } = sensor;
      const kept =
        type === undefined || (typeof type === 'string' && type.endsWith('SensorElement'))
          ? element
          : sensor;
      const reports = kept['sensorReport'];
      return isJsonObject(reports) ? { ...kept, sensorReport: [reports] } : kept;
    });
  }
  return standard;
}

/** A business transaction's @id is its `bizTransaction`; every item's type keeps a full IRI. */
function typedItem(list: string, item: JsonObject, prefixes: Record<string, string>): JsonObject {
  const { id, ...rest } = item;
  const typed: JsonObject = id === undefined ? rest : { ...rest, bizTransaction: id };
  if (list === 'bizTransactionList' || typeof typed['type'] !== 'string') return typed;
  return { ...typed, type: expandPrefixed(typed['type'], prefixes) };
}

/**
 * Recursively: `epcis:x` (a field the standard context scopes elsewhere) as the standard
 * field `x`, an @id-only value of such a field as the IRI itself, vocabulary values in a
 * declared namespace as full IRIs, GS1 Web Vocabulary terms as bare terms.
 */
function standardFields(fields: JsonObject, prefixes: Record<string, string>): JsonObject {
  const standard: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    const name = key.startsWith('epcis:') && !(key.slice(6) in fields) ? key.slice(6) : key;
    standard[name] = standardValue(name, name === key ? value : unwrapId(value), prefixes);
  }
  return standard;
}

function standardValue(
  name: string,
  value: JsonValue,
  prefixes: Record<string, string>,
): JsonValue {
  if (typeof value === 'string') {
    if (name === 'exception' && value.startsWith(GS1_VOCABULARY)) {
      return value.slice(GS1_VOCABULARY.length);
    }
    return VOCABULARY_FIELDS.has(name) ? expandPrefixed(value, prefixes) : value;
  }
  if (Array.isArray(value)) return value.map((item) => standardValue(name, item, prefixes));
  return isJsonObject(value) ? standardFields(value, prefixes) : value;
}

function unwrapId(value: JsonValue): JsonValue {
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'id' ? (value['id'] ?? null) : value;
}

function expandPrefixed(value: string, prefixes: Record<string, string>): string {
  const colon = value.indexOf(':');
  const namespace = colon > 0 ? prefixes[value.slice(0, colon)] : undefined;
  return namespace === undefined ? value : namespace + value.slice(colon + 1);
}

function unknownContextIn(error: unknown): UnknownContextError | undefined {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause !== undefined && cause !== null; depth += 1) {
    if (cause instanceof UnknownContextError) return cause;
    const details = (cause as { details?: { cause?: unknown } }).details;
    cause = details?.cause ?? (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { details?: { event?: { code?: string } } }).details?.event?.code;
  return code === undefined ? message : `${message} (${code})`;
}
