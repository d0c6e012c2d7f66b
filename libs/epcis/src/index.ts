/**
 * EPCIS event identity: the GS1 CBV 2.0 event hash ID and the GS1 Digital Link forms of the
 * identifiers it is computed over. Pure functions, no I/O.
 */
export { documentEvents, type DocumentEvents } from './event-hash/document-events';
export { eventHashId } from './event-hash/event-hash-id';
export { eventPreHashString, type EventHashContext } from './event-hash/pre-hash';
export { EventHashError } from './event-hash/canonical-value';
export type { JsonObject, JsonValue } from './event-hash/json';
export * from './digital-link';
