import { DOMImplementation, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { isJsonObject, type JsonObject, type JsonValue } from '../event-hash/json';
import standardContext from '../json-ld/contexts/epcis-context.json';
import {
  CBV_URN_PREFIXES,
  EPCIS_2_QUERY_XML_NAMESPACE,
  EPCIS_2_XML_NAMESPACE,
  GS1_VOCABULARY_FIELDS,
  GS1_VOCABULARY_PREFIX,
  LIST_ITEMS,
  TYPED_TEXT_ITEMS,
} from './epcis-xml-vocabulary';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** The order the EPCIS 2.0 XSD's sequences give an event's standard fields. */
const EVENT_FIELD_ORDER = [
  'eventTime',
  'recordTime',
  'eventTimeZoneOffset',
  'eventID',
  'errorDeclaration',
  'certificationInfo',
  'parentID',
  'epcList',
  'childEPCs',
  'inputEPCList',
  'inputQuantityList',
  'outputEPCList',
  'outputQuantityList',
  'transformationID',
  'action',
  'bizStep',
  'disposition',
  'readPoint',
  'bizLocation',
  'bizTransactionList',
  'quantityList',
  'childQuantityList',
  'sourceList',
  'destinationList',
  'sensorElementList',
  'persistentDisposition',
  'ilmd',
];
/** A TransactionEvent names its business transactions first. */
const TRANSACTION_FIELD_ORDER = [
  ...EVENT_FIELD_ORDER.slice(0, 6),
  'bizTransactionList',
  ...EVENT_FIELD_ORDER.slice(6).filter((f) => f !== 'bizTransactionList'),
];
const NESTED_FIELD_ORDER: Readonly<Record<string, readonly string[]>> = {
  quantityElement: ['epcClass', 'quantity', 'uom'],
  errorDeclaration: ['declarationTime', 'reason', 'correctiveEventIDs'],
  sensorElement: ['sensorMetadata', 'sensorReport'],
  persistentDisposition: ['unset', 'set'],
  readPoint: ['id'],
  bizLocation: ['id'],
};
/** Sensor metadata and reports are attributes in XML. */
const ATTRIBUTE_ELEMENTS = new Set(['sensorMetadata', 'sensorReport']);
/** Fields the repository adds or JSON-LD alone has, with no place in the XML binding. */
const NOT_IN_XML = new Set(['@context', 'type']);

const STANDARD_PREFIXES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(standardContext['@context']).filter(
    (entry): entry is [string, string] =>
      typeof entry[1] === 'string' && /^[a-z]+:/i.test(entry[1]) && !entry[1].startsWith('@'),
  ),
);

/**
 * An EPCIS 2.0 JSON-LD document or query document as EPCIS 2.0 XML: the inverse of
 * readEpcisXml. CBV names are written as their URNs, extensions as elements in the namespace
 * their prefix has in the document's @context (a field whose prefix no context declares has
 * no XML name and is left out).
 */
export function writeEpcisXml(document: JsonObject): string {
  const isQuery = document['type'] === 'EPCISQueryDocument';
  const namespace = isQuery ? EPCIS_2_QUERY_XML_NAMESPACE : EPCIS_2_XML_NAMESPACE;
  const rootName = isQuery ? 'epcisq:EPCISQueryDocument' : 'epcis:EPCISDocument';
  const xml = new DOMImplementation().createDocument(namespace, rootName, null);
  const writer = new XmlWriter(xml, namespacesOf(document['@context']));
  const root = xml.documentElement as Element;
  root.setAttribute('schemaVersion', '2.0');
  root.setAttribute('creationDate', stringOr(document['creationDate'], new Date().toISOString()));
  const body = writer.child(root, 'EPCISBody');
  const epcisBody = isJsonObject(document['epcisBody']) ? document['epcisBody'] : {};
  if (isQuery) {
    const results = isJsonObject(epcisBody['queryResults']) ? epcisBody['queryResults'] : {};
    const holder = xml.createElementNS(EPCIS_2_QUERY_XML_NAMESPACE, 'epcisq:QueryResults');
    body.appendChild(holder);
    writer.text(holder, 'queryName', stringOr(results['queryName'], 'SimpleEventQuery'));
    if (typeof results['subscriptionID'] === 'string') {
      writer.text(holder, 'subscriptionID', results['subscriptionID']);
    }
    const resultsBody = isJsonObject(results['resultsBody']) ? results['resultsBody'] : {};
    writer.events(writer.child(holder, 'resultsBody'), resultsBody['eventList']);
  } else {
    writer.events(body, epcisBody['eventList']);
  }
  writer.declareNamespaces(root);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(xml)}`;
}

function stringOr(value: JsonValue | undefined, otherwise: string): string {
  return typeof value === 'string' ? value : otherwise;
}

function namespacesOf(context: JsonValue | undefined): Map<string, string> {
  const namespaces = new Map(Object.entries(STANDARD_PREFIXES));
  for (const local of Array.isArray(context) ? context : [context]) {
    if (!isJsonObject(local)) continue;
    for (const [prefix, iri] of Object.entries(local)) {
      if (typeof iri === 'string' && !prefix.includes(':')) namespaces.set(prefix, iri);
    }
  }
  return namespaces;
}

function ordered(fields: JsonObject, order: readonly string[]): [string, JsonValue][] {
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length + (key.includes(':') ? 1 : 0) : i;
  };
  return Object.entries(fields)
    .filter(([key]) => !NOT_IN_XML.has(key))
    .sort(([a], [b]) => rank(a) - rank(b));
}

/** The URN form of a bare CBV name (a value with a scheme is written as it is). */
function asUrn(value: string, prefix: string | undefined): string {
  return prefix === undefined || value.includes(':') ? value : prefix + value;
}

class XmlWriter {
  private readonly used = new Set<string>();

  constructor(
    private readonly xml: Document,
    private readonly namespaces: Map<string, string>,
  ) {}

  child(parent: Element, name: string): Element {
    const element = this.xml.createElementNS(null, name);
    parent.appendChild(element);
    return element;
  }

  text(parent: Element, name: string, value: string): Element {
    const element = this.child(parent, name);
    element.appendChild(this.xml.createTextNode(value));
    return element;
  }

  events(parent: Element, list: JsonValue | undefined): void {
    const eventList = this.child(parent, 'EventList');
    for (const event of Array.isArray(list) ? list : []) {
      if (!isJsonObject(event) || typeof event['type'] !== 'string') continue;
      const element = this.child(eventList, event['type']);
      const order =
        event['type'] === 'TransactionEvent' ? TRANSACTION_FIELD_ORDER : EVENT_FIELD_ORDER;
      this.fields(element, ordered(event, order));
    }
  }

  declareNamespaces(root: Element): void {
    for (const prefix of [...this.used].sort()) {
      root.setAttributeNS(XMLNS, `xmlns:${prefix}`, this.namespaces.get(prefix) ?? '');
    }
  }

  private fields(parent: Element, fields: [string, JsonValue][]): void {
    for (const [key, value] of fields) {
      if (key.includes(':')) this.extension(parent, key, value);
      else this.standard(parent, key, value);
    }
  }

  private standard(parent: Element, name: string, value: JsonValue): void {
    const item = LIST_ITEMS[name];
    if (item !== undefined && item !== name && Array.isArray(value)) {
      const list = this.child(parent, name);
      for (const entry of value) this.listItem(list, item, entry);
      return;
    }
    if (Array.isArray(value)) {
      for (const entry of value) this.standard(parent, name, entry);
      return;
    }
    if (isJsonObject(value)) {
      const element = this.child(parent, name);
      if (ATTRIBUTE_ELEMENTS.has(name)) this.attributes(element, name, value);
      else this.fields(element, ordered(value, NESTED_FIELD_ORDER[name] ?? []));
      return;
    }
    if (value !== null) this.text(parent, name, this.scalar(name, value));
  }

  private listItem(list: Element, item: string, entry: JsonValue): void {
    if (TYPED_TEXT_ITEMS.has(item) && isJsonObject(entry)) {
      const element = this.text(list, item, stringOr(entry[item], ''));
      if (typeof entry['type'] === 'string') {
        element.setAttribute('type', asUrn(entry['type'], CBV_URN_PREFIXES[item]));
      }
      return;
    }
    if (isJsonObject(entry)) {
      const element = this.child(list, item);
      this.fields(element, ordered(entry, NESTED_FIELD_ORDER[item] ?? []));
      return;
    }
    if (entry !== null && !Array.isArray(entry)) this.text(list, item, this.scalar(item, entry));
  }

  private attributes(element: Element, holder: string, fields: JsonObject): void {
    for (const [key, value] of Object.entries(fields)) {
      if (value === null || typeof value === 'object') continue;
      if (key.includes(':')) {
        const namespace = this.namespaceOf(key);
        if (namespace !== undefined) element.setAttributeNS(namespace, key, String(value));
        continue;
      }
      const text =
        key === 'type' && holder === 'sensorReport'
          ? asUrn(this.expanded(String(value)), GS1_VOCABULARY_PREFIX)
          : this.scalar(key, value);
      element.setAttribute(key, text);
    }
  }

  /**
   * A compact IRI in a document prefix (`example:Abc`) as the full IRI: XML declares a namespace
   * for element names only, so the prefix would mean nothing there.
   */
  private expanded(value: string): string {
    const colon = value.indexOf(':');
    const prefix = value.slice(0, colon);
    const namespace =
      colon > 0 && !(prefix in STANDARD_PREFIXES) ? this.namespaces.get(prefix) : undefined;
    return namespace === undefined ? value : namespace + value.slice(colon + 1);
  }

  private scalar(name: string, value: string | number | boolean): string {
    if (typeof value !== 'string') return String(value);
    if (GS1_VOCABULARY_FIELDS.has(name)) return asUrn(value, GS1_VOCABULARY_PREFIX);
    return asUrn(value, CBV_URN_PREFIXES[name]);
  }

  private extension(parent: Element, key: string, value: JsonValue): void {
    if (Array.isArray(value)) {
      for (const entry of value) this.extension(parent, key, entry);
      return;
    }
    const namespace = this.namespaceOf(key);
    if (namespace === undefined || value === null) return;
    const element = this.xml.createElementNS(namespace, key);
    parent.appendChild(element);
    if (isJsonObject(value)) this.fields(element, Object.entries(value));
    else element.appendChild(this.xml.createTextNode(String(value)));
  }

  private namespaceOf(key: string): string | undefined {
    const prefix = key.slice(0, key.indexOf(':'));
    const namespace = this.namespaces.get(prefix);
    if (namespace !== undefined) this.used.add(prefix);
    return namespace;
  }
}
