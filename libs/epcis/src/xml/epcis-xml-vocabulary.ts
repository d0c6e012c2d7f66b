/**
 * What the EPCIS XML bindings (1.2 and 2.0) and the JSON binding name the same way, and where
 * they differ: XML wraps list items in elements of their own, writes CBV values as URNs and
 * numbers as text. One table serves the reader and the writer.
 */

export const EPCIS_2_XML_NAMESPACE = 'urn:epcglobal:epcis:xsd:2';
export const EPCIS_1_XML_NAMESPACE = 'urn:epcglobal:epcis:xsd:1';
export const EPCIS_2_QUERY_XML_NAMESPACE = 'urn:epcglobal:epcis-query:xsd:2';
export const EPCIS_1_QUERY_XML_NAMESPACE = 'urn:epcglobal:epcis-query:xsd:1';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

export const EVENT_ELEMENTS = new Set([
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
]);

/** A JSON list and the element each of its items has in XML. */
export const LIST_ITEMS: Readonly<Record<string, string>> = {
  epcList: 'epc',
  childEPCs: 'epc',
  inputEPCList: 'epc',
  outputEPCList: 'epc',
  quantityList: 'quantityElement',
  childQuantityList: 'quantityElement',
  inputQuantityList: 'quantityElement',
  outputQuantityList: 'quantityElement',
  bizTransactionList: 'bizTransaction',
  sourceList: 'source',
  destinationList: 'destination',
  sensorElementList: 'sensorElement',
  correctiveEventIDs: 'correctiveEventID',
  vocabularyList: 'Vocabulary',
  vocabularyElementList: 'VocabularyElement',
};

/** Elements that repeat in place in XML and are a list in JSON. */
export const REPEATED_ELEMENTS = new Set(['sensorReport', 'set', 'unset', 'attribute', 'children']);

/**
 * List items whose text is one member of the JSON object and whose `type` attribute is another
 * (`<source type="…">urn…</source>` is `{"type": "…", "source": "urn…"}`).
 */
export const TYPED_TEXT_ITEMS = new Set(['bizTransaction', 'source', 'destination']);

export const NUMBER_FIELDS = new Set([
  'quantity',
  'value',
  'minValue',
  'maxValue',
  'meanValue',
  'sDev',
  'percRank',
  'percValue',
]);

export const BOOLEAN_FIELDS = new Set(['booleanValue']);

/**
 * CBV 2.0 values: the URN that XML (and EPCIS 1.2) writes, and the bare name of the JSON
 * binding. A field maps to its URN prefix; `type` depends on where it stands.
 */
export const CBV_URN_PREFIXES: Readonly<Record<string, string>> = {
  bizStep: 'urn:epcglobal:cbv:bizstep:',
  disposition: 'urn:epcglobal:cbv:disp:',
  set: 'urn:epcglobal:cbv:disp:',
  unset: 'urn:epcglobal:cbv:disp:',
  reason: 'urn:epcglobal:cbv:er:',
  bizTransaction: 'urn:epcglobal:cbv:btt:',
  source: 'urn:epcglobal:cbv:sdt:',
  destination: 'urn:epcglobal:cbv:sdt:',
};

/**
 * A sensor report's `type` and `exception` are GS1 Web Vocabulary terms, `gs1:Temperature` in
 * XML and `Temperature` in JSON.
 */
export const GS1_VOCABULARY_PREFIX = 'gs1:';
export const GS1_VOCABULARY_FIELDS = new Set(['exception']);

/** EPCIS 1.2 wrappers whose children are the event's own fields in 2.0. */
export const EPCIS_1_WRAPPERS = new Set(['extension', 'baseExtension']);
