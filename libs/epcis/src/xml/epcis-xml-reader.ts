import { DOMParser, type Element } from '@xmldom/xmldom';
import { EPCIS_CONTEXT } from '../context';
import type { JsonObject, JsonValue } from '../event-hash/json';
import {
  BOOLEAN_FIELDS,
  CBV_URN_PREFIXES,
  EPCIS_1_QUERY_XML_NAMESPACE,
  EPCIS_1_WRAPPERS,
  EPCIS_1_XML_NAMESPACE,
  EPCIS_2_QUERY_XML_NAMESPACE,
  EPCIS_2_XML_NAMESPACE,
  EVENT_ELEMENTS,
  LIST_ITEMS,
  NUMBER_FIELDS,
  REPEATED_ELEMENTS,
  GS1_VOCABULARY_FIELDS,
  GS1_VOCABULARY_PREFIX,
  TYPED_TEXT_ITEMS,
  XSI_NAMESPACE,
} from './epcis-xml-vocabulary';

/** The XML is not a well-formed EPCIS 1.2 or 2.0 document: the client's mistake. */
export class EpcisXmlError extends Error {}

const DOCUMENT_NAMESPACES = new Set([
  EPCIS_2_XML_NAMESPACE,
  EPCIS_1_XML_NAMESPACE,
  EPCIS_2_QUERY_XML_NAMESPACE,
  EPCIS_1_QUERY_XML_NAMESPACE,
]);
/** Prefixes the standard @context defines; an extension namespace never takes one of them. */
const RESERVED_PREFIXES = new Set([
  'epcis',
  'cbv',
  'cbvmda',
  'gs1',
  'rdfs',
  'owl',
  'xsd',
  'dcterms',
]);
const XMLNS = 'http://www.w3.org/2000/xmlns/';
const ELEMENT_NODE = 1;

/**
 * An EPCIS 2.0 or 1.2 XML document (or query document) as the EPCIS 2.0 JSON-LD document that
 * says the same: the same fields under their JSON names, CBV URNs as the bare CBV names,
 * numbers as numbers, and each XML extension namespace as a prefix in the @context. Events so
 * read have the same event hash IDs as their JSON-LD twins. Shape is checked afterwards, by the
 * same JSON Schema as JSON-LD capture.
 */
export function readEpcisXml(xml: string): JsonObject {
  // A byte order mark is an encoding signature, not content (GS1's own examples carry one).
  const root = parse(xml.replace(/^\uFEFF/, '')).documentElement;
  if (root === null || !DOCUMENT_NAMESPACES.has(root.namespaceURI ?? '')) {
    throw new EpcisXmlError(
      `the root element must be an EPCISDocument or EPCISQueryDocument in namespace ${EPCIS_2_XML_NAMESPACE} or ${EPCIS_1_XML_NAMESPACE}`,
    );
  }
  const reader = new XmlReader();
  return reader.document(root);
}

function parse(xml: string) {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new EpcisXmlError(`the XML is not well-formed: ${message}`);
    },
  });
  try {
    return parser.parseFromString(xml, 'text/xml');
  } catch (error) {
    if (error instanceof EpcisXmlError) throw error;
    throw new EpcisXmlError(`the XML is not well-formed: ${(error as Error).message}`);
  }
}

function childElements(element: Element): Element[] {
  const children: Element[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) children.push(node as Element);
  }
  return children;
}

function child(element: Element, name: string): Element | undefined {
  return childElements(element).find((c) => c.localName === name);
}

function text(element: Element): string {
  return (element.textContent ?? '').trim();
}

function withoutPrefix(value: string, prefix: string | undefined): string {
  return prefix !== undefined && value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

/** The JSON value of a standard field written as text. */
function typed(field: string, value: string, cbvPrefix = CBV_URN_PREFIXES[field]): JsonValue {
  if (NUMBER_FIELDS.has(field) && value !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  if (GS1_VOCABULARY_FIELDS.has(field)) return withoutPrefix(value, GS1_VOCABULARY_PREFIX);
  if (BOOLEAN_FIELDS.has(field) && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return withoutPrefix(value, cbvPrefix);
}

function isExtension(node: { namespaceURI: string | null }): boolean {
  return node.namespaceURI !== null && node.namespaceURI !== '';
}

class XmlReader {
  /** Extension namespace → the prefix it has in the JSON-LD @context. */
  private readonly prefixes = new Map<string, string>();

  document(root: Element): JsonObject {
    const isQuery = root.localName === 'EPCISQueryDocument';
    if (!isQuery && root.localName !== 'EPCISDocument') {
      throw new EpcisXmlError(`the root element ${root.localName} is not an EPCIS document`);
    }
    const body = child(root, 'EPCISBody');
    if (body === undefined) throw new EpcisXmlError('the document has no EPCISBody');
    const document: JsonObject = {
      type: isQuery ? 'EPCISQueryDocument' : 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: root.getAttribute('creationDate') ?? '',
    };
    const header = child(root, 'EPCISHeader');
    const masterData = header === undefined ? undefined : this.masterData(header);
    if (masterData !== undefined) document['epcisHeader'] = { epcisMasterData: masterData };
    document['epcisBody'] = isQuery ? this.queryBody(body) : { eventList: this.eventList(body) };
    return { '@context': this.context(), ...document };
  }

  private context(): JsonValue[] {
    const declared = [...this.prefixes].map(([namespace, prefix]) => ({ [prefix]: namespace }));
    return [EPCIS_CONTEXT, ...declared];
  }

  private queryBody(body: Element): JsonObject {
    const results = child(body, 'QueryResults');
    if (results === undefined) throw new EpcisXmlError('the query document has no QueryResults');
    const queryResults: JsonObject = {
      queryName: text(child(results, 'queryName') ?? results),
      resultsBody: { eventList: this.eventList(child(results, 'resultsBody') ?? results) },
    };
    const subscription = child(results, 'subscriptionID');
    if (subscription !== undefined) queryResults['subscriptionID'] = text(subscription);
    return { queryResults };
  }

  private eventList(holder: Element): JsonObject[] {
    const list = child(holder, 'EventList');
    return list === undefined ? [] : this.events(list);
  }

  /** Events in document order; EPCIS 1.2 wraps its newer event types in <extension>. */
  private events(list: Element): JsonObject[] {
    return childElements(list).flatMap((element) => {
      if (EPCIS_1_WRAPPERS.has(element.localName ?? '')) return this.events(element);
      if (!EVENT_ELEMENTS.has(element.localName ?? '') || isExtension(element)) {
        throw new EpcisXmlError(`<${element.tagName}> is not an EPCIS event`);
      }
      return [{ type: element.localName ?? '', ...this.fields(element) }];
    });
  }

  /** EPCIS 1.2 master data sits in <extension>; 2.0 has it directly in the header. */
  private masterData(header: Element): JsonValue | undefined {
    const holder = child(header, 'extension') ?? header;
    const masterData = child(holder, 'EPCISMasterData');
    const vocabularies = masterData === undefined ? undefined : child(masterData, 'VocabularyList');
    if (vocabularies === undefined) return undefined;
    return {
      vocabularyList: childElements(vocabularies).map((vocabulary) => {
        const elements = child(vocabulary, 'VocabularyElementList');
        return {
          type: vocabulary.getAttribute('type') ?? '',
          vocabularyElementList: (elements === undefined ? [] : childElements(elements)).map(
            (element) => ({
              id: element.getAttribute('id') ?? '',
              attributes: childElements(element)
                .filter((a) => a.localName === 'attribute')
                .map((a) => ({
                  id: a.getAttribute('id') ?? '',
                  attribute: childElements(a).length > 0 ? this.object(a) : text(a),
                })),
            }),
          ),
        };
      }),
    };
  }

  /** An element's attributes and child elements as JSON fields. */
  private fields(
    element: Element,
    into: JsonObject = {},
    repeated = new Set<string>(),
  ): JsonObject {
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.namespaceURI === XMLNS || attribute.namespaceURI === XSI_NAMESPACE) continue;
      if (attribute.name === 'xmlns' || attribute.prefix === 'xmlns') continue;
      const key = isExtension(attribute)
        ? this.extensionName(attribute)
        : (attribute.localName ?? attribute.name);
      into[key] = isExtension(attribute)
        ? attribute.value
        : this.typedAttribute(element, key, attribute.value);
    }
    for (const field of childElements(element)) {
      // xsi:nil is XML's way of saying "no value": JSON leaves the field out.
      if (field.getAttributeNS(XSI_NAMESPACE, 'nil') === 'true') continue;
      const name = field.localName ?? '';
      if (!isExtension(field) && EPCIS_1_WRAPPERS.has(name)) {
        this.fields(field, into, repeated);
        continue;
      }
      const key = isExtension(field) ? this.extensionName(field) : name;
      const value = isExtension(field) ? this.extensionValue(field) : this.standardValue(field);
      if (!(key in into)) {
        into[key] = REPEATED_ELEMENTS.has(key) && !isExtension(field) ? [value] : value;
        if (REPEATED_ELEMENTS.has(key)) repeated.add(key);
      } else if (repeated.has(key)) {
        (into[key] as JsonValue[]).push(value);
      } else {
        into[key] = [into[key], value];
        repeated.add(key);
      }
    }
    return into;
  }

  private typedAttribute(element: Element, field: string, value: string): JsonValue {
    if (field !== 'type') return typed(field, value);
    const holder = element.localName ?? '';
    if (holder === 'sensorReport') return withoutPrefix(value, GS1_VOCABULARY_PREFIX);
    return withoutPrefix(value, CBV_URN_PREFIXES[holder]);
  }

  private standardValue(field: Element): JsonValue {
    const name = field.localName ?? '';
    const item = LIST_ITEMS[name];
    if (item !== undefined) {
      return childElements(field)
        .filter((c) => c.localName === item && !isExtension(c))
        .map((c) => this.listItem(c));
    }
    if (childElements(field).length === 0 && field.attributes.length === 0) {
      return typed(name, text(field));
    }
    return this.object(field);
  }

  private listItem(item: Element): JsonValue {
    const name = item.localName ?? '';
    if (TYPED_TEXT_ITEMS.has(name)) {
      const value: JsonObject = { [name]: text(item) };
      const type = item.getAttribute('type');
      if (type !== null) value['type'] = withoutPrefix(type, CBV_URN_PREFIXES[name]);
      return value;
    }
    if (childElements(item).length === 0 && item.attributes.length === 0) {
      return typed(name, text(item));
    }
    return this.object(item);
  }

  private object(element: Element): JsonObject {
    return this.fields(element);
  }

  /** User extensions keep their text as it is: XML does not say whether it was a number. */
  private extensionValue(field: Element): JsonValue {
    return childElements(field).length === 0 ? text(field) : this.fields(field);
  }

  /** The XML's own prefix where it is free, so the JSON reads like the XML; a fresh one if not. */
  private extensionName(node: {
    namespaceURI: string | null;
    prefix: string | null;
    localName: string | null;
  }): string {
    const namespace = node.namespaceURI ?? '';
    let prefix = this.prefixes.get(namespace);
    if (prefix === undefined) {
      const taken = new Set(this.prefixes.values());
      const own = node.prefix ?? '';
      prefix =
        /^[A-Za-z][\w-]*$/.test(own) && !taken.has(own) && !RESERVED_PREFIXES.has(own)
          ? own
          : `ext${this.prefixes.size + 1}`;
      while (taken.has(prefix)) prefix = `${prefix}_`;
      this.prefixes.set(namespace, prefix);
    }
    return `${prefix}:${node.localName ?? ''}`;
  }
}
