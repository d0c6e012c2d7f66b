import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { documentEvents } from '../event-hash/document-events';
import { eventHashId } from '../event-hash/event-hash-id';

/**
 * GS1's XML examples and their JSON-LD twins in GS1's repository (test/fixtures/epcis-gs1,
 * test/fixtures/epcis/examples), event by event. GS1 wrote the twins by hand and some drifted
 * apart; each event whose twin says something else is listed with what differs, and the tests
 * check that it still differs (a fixed twin must move back to the compared ones).
 */
export const GS1_FIXTURES = join(__dirname, '../../../../test/fixtures/epcis-gs1');
export const GS1_JSON_EXAMPLES = join(__dirname, '../../../../test/fixtures/epcis/examples');

export interface XmlTwin {
  readonly xml: string;
  /** The JSON-LD documents whose events, one after another, are the XML document's events. */
  readonly json: readonly string[];
  /** Event positions (in the XML document) whose JSON twin says something else, and what. */
  readonly differing?: Readonly<Record<number, string>>;
}

const NAMESPACE_SLASH =
  'XML namespace http://ns.example.com/epcis, JSON-LD prefix http://ns.example.com/epcis/ (trailing slash): another extension IRI';
const EMPTY_GIAI =
  'the third rail:vehicle has an empty <rail:vehicleMasterGIAI/> in XML and none in JSON-LD';
const DIFFERENT_EVENT = 'the JSON-LD twin is another event (other fields and values)';
const SENSOR_EXAMPLES = Array.from(
  { length: 14 },
  (_, i) => `WithSensorData/SensorDataExample${i + 1}.jsonld`,
);
const ASSOCIATION_EXAMPLES = 'abcdefgh'
  .split('')
  .map((x) => `AssociationEvent/AssociationEvent-${x}.jsonld`);
const HASH_ID_TWIN = '../../epcis-gs1/XML/WithEventHashID/event_with_identical_hash_id_7.json';

export const XML_TWINS: readonly XmlTwin[] = [
  {
    xml: 'XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml',
    json: ['Example_9.6.1-ObjectEvent.jsonld'],
    differing: { 1: NAMESPACE_SLASH },
  },
  {
    xml: 'XML/Example-TransactionEvent-2020_07_03y.xml',
    json: ['Example-TransactionEvents-2020_07_03y.jsonld'],
    differing: { 1: EMPTY_GIAI },
  },
  { xml: 'XML/AssociationEvent/AssociationEventExamples.xml', json: ASSOCIATION_EXAMPLES },
  {
    xml: 'XML/Mimasu/Example-associatonEvent-sensor.xml',
    json: ASSOCIATION_EXAMPLES,
    differing: { 5: 'the JSON-LD twin has a childQuantityList the XML lacks' },
  },
  {
    xml: 'XML/Mimasu/Example1.xml',
    json: ['Example_9.6.1-ObjectEvent.jsonld'],
    differing: { 1: NAMESPACE_SLASH },
  },
  {
    xml: 'XML/WithSensorData/SensorDataExamples.xml',
    json: SENSOR_EXAMPLES,
    differing: {
      3: 'rawData differs in each sensorReport',
      5: 'the JSON-LD twin has another epcList and a quantityList; furtherSensorData is a list there',
      6: 'hexBinaryValue f0f0f0 in XML, F0F0F0 in JSON-LD',
      7: 'the XML has childEPCs; sensorReport types Molar_concentration / AmountOfSubstancePerUnitVolume',
      8: 'the JSON-LD sensorReports have a type the XML ones lack',
      9: 'component example:x in XML, x in JSON-LD; ex:feature only in JSON-LD',
      10: 'sensorReport type EffectiveDoseRate in XML, DoseEquivalentRate in JSON-LD',
      11: 'other extensions and ILMD (example2:furtherData only in XML, cbvmda:lotNumber only in JSON-LD)',
      12: DIFFERENT_EVENT,
      13: DIFFERENT_EVENT,
    },
  },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    xml: `XML/WithEventHashID/event_with_identical_hash_id_${n}.xml`,
    json: [HASH_ID_TWIN],
    differing:
      n === 2
        ? { 0: 'eventTimeZoneOffset -05:00 in XML, -06:00 in JSON; the CBV hash includes it' }
        : undefined,
  })),
  {
    xml: 'XSL/1.2/XML/ObjectEvent.xml',
    json: ['Example_9.6.1-ObjectEvent.jsonld'],
    differing: { 1: NAMESPACE_SLASH },
  },
  {
    xml: 'XSL/1.2/XML/TransactionEvent.xml',
    json: ['Example-TransactionEvents-2020_07_03y.jsonld'],
    differing: { 1: EMPTY_GIAI },
  },
  {
    xml: 'XSL/1.2/XML/AssociationEvent.xml',
    json: ASSOCIATION_EXAMPLES,
    differing: { 5: 'the XML misspells sensorMetadata as sensorMetaData (an unknown field)' },
  },
  {
    xml: 'XML/Example-PersistentDisposition.xml',
    json: ['PersistentDisposition-example.jsonld'],
    differing: {
      0: 'AggregationEvent in XML, ObjectEvent in JSON-LD',
      1: 'AggregationEvent in XML, ObjectEvent in JSON-LD',
    },
  },
  {
    xml: 'XML/WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.xml',
    json: ['WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld'],
    differing: {
      0: 'other readPoint; quantity nil in XML, 500 KGM in JSON-LD',
      1: 'other readPoint; quantity nil in XML, 500 KGM in JSON-LD',
    },
  },
  ...['aggregation', 'association', 'object', 'transaction', 'transformation'].map((kind) => ({
    xml: `XML/WithFullCombinationOfFields/${kind}_event_all_possible_fields.xml`,
    json: [`WithFullCombinationOfFields/${kind}_event_all_possible_fields.jsonld`],
    differing: { 0: 'certificationInfo, errorDeclaration and other extensions only in JSON-LD' },
  })),
];

export const gs1Xml = (path: string): string => readFileSync(join(GS1_FIXTURES, path), 'utf8');
export const gs1Json = (path: string): unknown =>
  JSON.parse(readFileSync(join(GS1_JSON_EXAMPLES, path), 'utf8'));

/** The files under `root` whose names end so, as paths relative to it, sorted. */
export function filesUnder(root: string, ending: string, folder = root): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? filesUnder(root, ending, join(folder, entry.name))
        : entry.name.endsWith(ending)
          ? [relative(root, join(folder, entry.name))]
          : [],
    )
    .sort();
}

/** The event hash IDs of a document's events, in document order. */
export function hashIds(document: unknown): string[] {
  const { events, context } = documentEvents(document);
  return events.map((event) => eventHashId(event, context));
}
