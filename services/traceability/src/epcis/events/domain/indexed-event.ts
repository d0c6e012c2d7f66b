import { cbvValue } from '@pujiang/epcis';
import { QueryVocabulary } from './event-query';
import { IdentifierRole, TypedRole, typedRole } from './identifier-role';

export type EpcisEventType =
  | 'ObjectEvent'
  | 'AggregationEvent'
  | 'TransactionEvent'
  | 'TransformationEvent'
  | 'AssociationEvent';

export interface EventIdentifier {
  role: IdentifierRole;
  identifier: string;
}

/** The columns an EPCIS event is found by; the event itself is kept whole beside them. */
export interface IndexedEvent {
  eventType: EpcisEventType;
  eventTime: Date;
  action: string | null;
  bizStep: string | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  identifiers: EventIdentifier[];
  /** Sources, destinations and business transactions again, each under its type. */
  typedIdentifiers: { role: TypedRole; identifier: string }[];
}

/**
 * Every identifier row the repository stores for an event: each identifier
 * under its role, and typed sources, destinations and transactions once more
 * under their type. The capture and the benchmarks' loaders write these.
 */
export function storedIdentifiers(
  indexed: Pick<IndexedEvent, 'identifiers' | 'typedIdentifiers'>,
): { role: IdentifierRole | TypedRole; identifier: string }[] {
  return [...indexed.identifiers, ...indexed.typedIdentifiers];
}

type Json = Record<string, unknown>;

const LISTS: [field: string, role: IdentifierRole][] = [
  ['epcList', IdentifierRole.epc],
  ['childEPCs', IdentifierRole.child],
  ['inputEPCList', IdentifierRole.input],
  ['outputEPCList', IdentifierRole.output],
];

const QUANTITY_LISTS: [field: string, role: IdentifierRole][] = [
  ['quantityList', IdentifierRole.epcClass],
  ['childQuantityList', IdentifierRole.childClass],
  ['inputQuantityList', IdentifierRole.inputClass],
  ['outputQuantityList', IdentifierRole.outputClass],
];

/**
 * Reads the fields queries and traces filter on from a schema-valid event.
 * Identifiers, business steps and locations are stored in one canonical
 * spelling (EPC URNs as GS1 Digital Link, CBV values as full URIs), so a
 * query in either spelling finds the event.
 */
export function indexEvent(event: Json, vocabulary: QueryVocabulary): IndexedEvent {
  const identifiers: EventIdentifier[] = [];
  const typedIdentifiers: IndexedEvent['typedIdentifiers'] = [];
  const add = (role: IdentifierRole, raw: unknown) => {
    if (typeof raw === 'string' && raw.length > 0) {
      identifiers.push({ role, identifier: vocabulary.identifier(raw) });
    }
  };
  for (const [field, role] of LISTS) {
    for (const epc of arrayOf(event[field])) add(role, epc);
  }
  for (const [field, role] of QUANTITY_LISTS) {
    for (const element of arrayOf(event[field])) add(role, objectOf(element)?.epcClass);
  }
  add(IdentifierRole.parent, event.parentID);
  // A typed source, destination or transaction is indexed once more under its type.
  const typed = (role: TypedParty, entry: Json | undefined, identifier: string | undefined) => {
    const type = entry?.type;
    if (identifier === undefined || typeof type !== 'string') return;
    const typedAs = typedRole(role, cbvValue(type, TYPE_VOCABULARY[role]));
    if (!typedIdentifiers.some((t) => t.role === typedAs && t.identifier === identifier)) {
      typedIdentifiers.push({ role: typedAs, identifier });
    }
  };
  for (const source of arrayOf(event.sourceList).map(objectOf)) {
    add(IdentifierRole.source, source?.source);
    typed(IdentifierRole.source, source, canonical(source?.source, vocabulary));
  }
  for (const destination of arrayOf(event.destinationList).map(objectOf)) {
    add(IdentifierRole.destination, destination?.destination);
    typed(IdentifierRole.destination, destination, canonical(destination?.destination, vocabulary));
  }
  for (const transaction of arrayOf(event.bizTransactionList).map(objectOf)) {
    const id = transaction?.bizTransaction;
    if (typeof id !== 'string') continue;
    identifiers.push({ role: IdentifierRole.bizTransaction, identifier: id });
    typed(IdentifierRole.bizTransaction, transaction, id);
  }

  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const location = (value: unknown) => {
    const id = objectOf(value)?.id;
    return typeof id === 'string' ? vocabulary.location(id) : null;
  };
  const bizStep = text(event.bizStep);
  const disposition = text(event.disposition);
  return {
    eventType: event.type as EpcisEventType,
    eventTime: new Date(String(event.eventTime)),
    action: text(event.action),
    bizStep: bizStep === null ? null : vocabulary.bizStep(bizStep),
    disposition: disposition === null ? null : vocabulary.disposition(disposition),
    readPoint: location(event.readPoint),
    bizLocation: location(event.bizLocation),
    identifiers: dedupe(identifiers),
    typedIdentifiers,
  };
}

type TypedParty =
  | typeof IdentifierRole.source
  | typeof IdentifierRole.destination
  | typeof IdentifierRole.bizTransaction;

const TYPE_VOCABULARY = {
  [IdentifierRole.source]: 'SDT',
  [IdentifierRole.destination]: 'SDT',
  [IdentifierRole.bizTransaction]: 'BTT',
} as const;

function canonical(raw: unknown, vocabulary: QueryVocabulary): string | undefined {
  return typeof raw === 'string' && raw.length > 0 ? vocabulary.identifier(raw) : undefined;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function objectOf(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null ? (value as Json) : undefined;
}

function dedupe(identifiers: EventIdentifier[]): EventIdentifier[] {
  const seen = new Set<string>();
  return identifiers.filter(({ role, identifier }) => {
    const key = `${role} ${identifier}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
