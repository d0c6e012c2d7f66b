import type { Vocabulary } from './canonical-value';

/**
 * How each standard EPCIS field enters the pre-hash string (GS1 CBV 2.0, "Event hash ID").
 *
 * - value:  `name=value`, once per value when the field holds a list (values sorted);
 *           `time` fields are normalised to UTC milliseconds, `vocabulary` fields take bare words.
 * - object: `name` followed by its fields in this order, then its user extensions sorted.
 * - list:   `name` followed by its items (each rendered by `item`), sorted.
 */
export type FieldRule =
  | {
      readonly kind: 'value';
      readonly name: string;
      readonly time?: boolean;
      readonly vocabulary?: Vocabulary;
    }
  | { readonly kind: 'object'; readonly name: string; readonly fields: readonly FieldRule[] }
  | { readonly kind: 'list'; readonly name: string; readonly item: FieldRule };

const value = (name: string, vocabulary?: Vocabulary): FieldRule => ({
  kind: 'value',
  name,
  vocabulary,
});
const time = (name: string): FieldRule => ({ kind: 'value', name, time: true });
const object = (name: string, fields: readonly FieldRule[]): FieldRule => ({
  kind: 'object',
  name,
  fields,
});
const list = (name: string, item: FieldRule): FieldRule => ({ kind: 'list', name, item });

const quantityElement = object('quantityElement', [
  value('epcClass'),
  value('quantity'),
  value('uom'),
]);

const sensorMetadata = object('sensorMetadata', [
  time('time'),
  time('startTime'),
  time('endTime'),
  value('deviceID'),
  value('deviceMetadata'),
  value('rawData'),
  value('dataProcessingMethod'),
  value('bizRules'),
]);

const sensorReport = object('sensorReport', [
  value('type', 'gs1'),
  value('exception', 'gs1'),
  value('deviceID'),
  value('deviceMetadata'),
  value('rawData'),
  value('dataProcessingMethod'),
  time('time'),
  value('microorganism'),
  value('chemicalSubstance'),
  value('value'),
  value('component', 'Comp'),
  value('stringValue'),
  value('booleanValue'),
  value('hexBinaryValue'),
  value('uriValue'),
  value('minValue'),
  value('maxValue'),
  value('meanValue'),
  value('sDev'),
  value('percRank'),
  value('percValue'),
  value('uom'),
  value('coordinateReferenceSystem'),
]);

/** The fixed head of every pre-hash string, after `eventType=…`; absent fields are skipped. */
export const ORDERED_FIELDS: readonly FieldRule[] = [
  time('eventTime'),
  value('eventTimeZoneOffset'),
  value('certificationInfo'),
  value('parentID'),
  list('epcList', value('epc')),
  list('inputEPCList', value('epc')),
  list('childEPCs', value('epc')),
  list('quantityList', quantityElement),
  list('childQuantityList', quantityElement),
  list('inputQuantityList', quantityElement),
  list('outputEPCList', value('epc')),
  list('outputQuantityList', quantityElement),
  value('action'),
  value('transformationID'),
  value('bizStep', 'BizStep'),
  value('disposition', 'Disp'),
  object('persistentDisposition', [value('set', 'Disp'), value('unset', 'Disp')]),
  object('readPoint', [value('id')]),
  object('bizLocation', [value('id')]),
  list('sensorElementList', object('sensorElement', [sensorMetadata, sensorReport])),
];

/**
 * Standard fields that the reference vectors place, like user extensions, in the lexically
 * sorted tail of the string (which is why destinationList precedes sourceList there).
 * Their inner order is still fixed: the type first, then the identifier.
 */
export const TAIL_FIELDS: readonly FieldRule[] = [
  list('bizTransactionList', object('', [value('type', 'BTT'), value('bizTransaction')])),
  list('sourceList', object('', [value('type', 'SDT'), value('source')])),
  list('destinationList', object('', [value('type', 'SDT'), value('destination')])),
];

/**
 * Never hashed: the identity fields themselves, the capture-side recordTime, and the error
 * declaration, so that an error declaration event (a copy of the erroneous event with
 * errorDeclaration added) keeps the event ID of the event it corrects.
 */
export const IGNORED_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'eventID',
  'recordTime',
  'errorDeclaration',
]);

export const EVENT_TYPES: ReadonlySet<string> = new Set([
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
]);
