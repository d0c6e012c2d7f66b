import { isJsonObject, type JsonValue } from './json';

/** Prefix → namespace IRI, from the JSON-LD @context of the document and of the event. */
export type Namespaces = ReadonlyMap<string, string>;

/**
 * Prefixes the standard EPCIS 2.0 JSON-LD context defines
 * (https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld), so documents may use
 * `cbvmda:`, `gs1:` or `cbv:` without declaring them.
 */
const STANDARD_PREFIXES: readonly (readonly [string, string])[] = [
  ['epcis', 'https://ref.gs1.org/epcis/'],
  ['cbv', 'https://ref.gs1.org/cbv/'],
  ['cbvmda', 'urn:epcglobal:cbv:mda:'],
  ['gs1', 'https://gs1.org/voc/'],
  ['rdfs', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['owl', 'http://www.w3.org/2002/07/owl#'],
  ['xsd', 'http://www.w3.org/2001/XMLSchema#'],
  ['dcterms', 'http://purl.org/dc/terms/'],
];

/** Adds the prefix definitions of a JSON-LD @context (string, object or array of them). */
export function withContext(base: Namespaces, context: unknown): Namespaces {
  const namespaces = new Map(base);
  const add = (entry: unknown): void => {
    if (Array.isArray(entry)) entry.forEach(add);
    if (!isJsonObject(entry)) return; // a remote context URL: its prefixes are the standard ones
    for (const [prefix, definition] of Object.entries(entry)) {
      if (prefix.startsWith('@')) continue;
      const iri = typeof definition === 'string' ? definition : idOf(definition);
      if (iri !== undefined) namespaces.set(prefix, iri);
    }
  };
  add(context);
  return namespaces;
}

function idOf(definition: JsonValue): string | undefined {
  if (!isJsonObject(definition)) return undefined;
  const id = definition['@id'];
  return typeof id === 'string' ? id : undefined;
}

export const STANDARD_NAMESPACES: Namespaces = new Map(STANDARD_PREFIXES);

function splitCompactIri(text: string, namespaces: Namespaces): [string, string] | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const suffix = text.slice(colon + 1);
  // JSON-LD 1.1 §4.1.3: "prefix://…" is an absolute IRI, never a compact one.
  if (suffix.startsWith('//')) return undefined;
  const iri = namespaces.get(text.slice(0, colon));
  return iri === undefined ? undefined : [iri, suffix];
}

/**
 * A member name as the pre-hash string writes it: extension members become `{namespace}local`,
 * the Clark notation CBV 2.0 uses so that the hash does not depend on the prefix chosen.
 */
export function expandKey(key: string, namespaces: Namespaces): string {
  const parts = splitCompactIri(key, namespaces);
  return parts ? `{${parts[0]}}${parts[1]}` : key;
}

/** A compact IRI value (`cbv:Comp-latitude`, `example:lot-7`) as the full IRI. */
export function expandValue(text: string, namespaces: Namespaces): string {
  const parts = splitCompactIri(text, namespaces);
  return parts ? parts[0] + parts[1] : text;
}

/** Whether a member name is a user extension (a namespaced name), as opposed to a standard one. */
export function isExtensionKey(key: string, namespaces: Namespaces): boolean {
  return splitCompactIri(key, namespaces) !== undefined;
}
