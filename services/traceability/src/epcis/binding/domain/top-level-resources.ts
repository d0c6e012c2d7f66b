import { Vocabulary } from '@pujiang/epcis';

/** The top-level resources of the REST binding, as GET / lists them. */
export const TOP_LEVEL_RESOURCES = [
  'events',
  'eventTypes',
  'epcs',
  'bizSteps',
  'bizLocations',
  'readPoints',
  'dispositions',
  'capture',
  'queries',
] as const;

/** The five standard event types; this repository captures no custom ones. */
export const STANDARD_EVENT_TYPES = [
  'AggregationEvent',
  'AssociationEvent',
  'ObjectEvent',
  'TransactionEvent',
  'TransformationEvent',
];

/**
 * A vocabulary resource (`/bizSteps`, `/epcs`…): its path, the name of its element in the
 * path (as the binding names it), and the query parameter its `/{element}/events` fixes.
 */
export interface VocabularyResource {
  path: string;
  element: string;
  parameter: string;
  /** The CBV vocabulary its standard values belong to, shown as bare words. */
  cbv?: Vocabulary;
}

export const VOCABULARY_RESOURCES: readonly VocabularyResource[] = [
  { path: 'eventTypes', element: 'eventType', parameter: 'eventType' },
  { path: 'epcs', element: 'epc', parameter: 'MATCH_anyEPC' },
  { path: 'bizSteps', element: 'bizStep', parameter: 'EQ_bizStep', cbv: 'BizStep' },
  { path: 'bizLocations', element: 'bizLocation', parameter: 'EQ_bizLocation' },
  { path: 'readPoints', element: 'readPoint', parameter: 'EQ_readPoint' },
  { path: 'dispositions', element: 'disposition', parameter: 'EQ_disposition', cbv: 'Disp' },
];

/** A CBV value as the binding's collections show it: a standard one as its bare word. */
export function presentVocabularyValue(value: string, cbv: Vocabulary | undefined): string {
  const base = cbv === undefined ? undefined : `https://ref.gs1.org/cbv/${cbv}-`;
  return base !== undefined && value.startsWith(base) ? value.slice(base.length) : value;
}

/** A JSON-LD collection of the binding (TopLevelResourceCollection, UriCollection…). */
export function collection(member: readonly string[], context: unknown) {
  return { '@context': context, type: 'Collection', member: [...member] };
}
