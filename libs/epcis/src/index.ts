/**
 * EPCIS event identity: the GS1 CBV 2.0 event hash ID and the GS1 Digital Link forms of the
 * identifiers it is computed over, the CBV 2.0 vocabulary as web URIs, and the standard
 * EPCIS 2.0 @context. Pure functions, no I/O.
 */
export { EPCIS_CONTEXT } from './context';
export { documentEvents, type DocumentEvents } from './event-hash/document-events';
export { eventHashDigest, eventHashId, eventHashIdOfDigest } from './event-hash/event-hash-id';
export { eventPreHashString, type EventHashContext } from './event-hash/pre-hash';
export { EventHashError } from './event-hash/canonical-value';
export type { JsonObject, JsonValue } from './event-hash/json';
export { cbvValue, type Vocabulary } from './cbv/cbv-value';
export * from './digital-link';
export { readEpcisXml, EpcisXmlError } from './xml/epcis-xml-reader';
export {
  hasStandardContext,
  toStandardForm,
  JsonLdDocumentError,
  UnknownContextError,
} from './json-ld/standard-form';
export { writeEpcisXml } from './xml/epcis-xml-writer';
export { xsdProblems, type XsdProblem } from './xml/xsd-validation';
