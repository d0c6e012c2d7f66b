/**
 * Realistic EPCIS 2.0 events for the benches, valid against GS1's JSON Schema
 * and the CBV 2.0 hash (SGTIN/SSCC/SGLN URNs with the right digit counts,
 * bare CBV words). Every (tag, n) gives a different event, so nothing a bench
 * sends is a duplicate of anything else.
 */
type Json = Record<string, unknown>;

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** Company prefix 952012 + item reference 0345678: 13 digits, as an SGTIN needs. */
const SGTIN_PREFIX = 'urn:epc:id:sgtin:952012.0345678.';
const FARM = 'urn:epc:id:sgln:952012.345679.0';
const PACKHOUSE = 'https://id.gs1.org/414/9520123456771';
const DC = 'https://id.gs1.org/414/9520123456788';
const STORE = 'https://id.gs1.org/414/9520123456795';
const BASE_TIME = Date.parse('2026-11-20T00:00:00.000Z');
const STEPS = [
  ['shipping', 'in_transit'],
  ['receiving', 'in_progress'],
  ['storing', 'in_progress'],
  ['inspecting', 'active'],
] as const;

/** The serial numbers of event n: the first is what a bench looks events up by. */
export function serials(tag: string, n: number): [string, string] {
  return [`${tag}${n}a`, `${tag}${n}b`];
}

/** The EPC a bench finds event n by (its first epcList entry). */
export function firstEpc(tag: string, n: number): string {
  return `${SGTIN_PREFIX}${serials(tag, n)[0]}`;
}

/** A LIKE pattern matching the first EPC of every event made with this tag. */
export function epcPattern(tag: string): string {
  return `${SGTIN_PREFIX}${tag}%`;
}

/** Two cases of produce moving between sites: about 900 bytes of JSON, like a packer's system sends. */
export function objectEvent(tag: string, n: number): Json {
  const [bizStep, disposition] = STEPS[n % STEPS.length] ?? STEPS[0];
  return {
    type: 'ObjectEvent',
    eventTime: new Date(BASE_TIME + n * 1000).toISOString(),
    eventTimeZoneOffset: '+08:00',
    epcList: serials(tag, n).map((serial) => `${SGTIN_PREFIX}${serial}`),
    action: 'OBSERVE',
    bizStep,
    disposition,
    readPoint: { id: FARM },
    bizLocation: { id: PACKHOUSE },
    bizTransactionList: [
      { type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:9520123456788:PO-${tag}-${n}` },
      { type: 'desadv', bizTransaction: `urn:epcglobal:cbv:bt:9520123456788:ASN-${tag}-${n}` },
    ],
    sourceList: [
      { type: 'owning_party', source: 'urn:epc:id:pgln:952012.345679' },
      { type: 'location', source: PACKHOUSE },
    ],
    destinationList: [
      { type: 'owning_party', destination: 'urn:epc:id:pgln:952012.345686' },
      { type: 'location', destination: DC },
    ],
  };
}

/** An EPCISDocument of `count` distinct events, numbered from `first`. */
export function eventDocument(tag: string, first: number, count: number): Json {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date(BASE_TIME + first * 1000).toISOString(),
    epcisBody: {
      eventList: Array.from({ length: count }, (_, i) => objectEvent(tag, first + i)),
    },
  };
}

/** The lot a consumer scans: GTIN 09520123456788, lot `${tag}-P`. */
export function consumerLot(tag: string): { gtin: string; lot: string } {
  return { gtin: '09520123456788', lot: `${tag}-P` };
}

/**
 * One lot from field to shelf in eleven steps: harvest, transport to the
 * packhouse, packing into a new lot, palletising, two legs by road with a
 * cold-store stay between, and arrival at the store.
 */
export function supplyChainDocument(tag: string): Json {
  const lotA = `urn:epc:class:lgtin:952012.0345678.${tag}-A`;
  const lotP = `https://id.gs1.org/01/09520123456788/10/${tag}-P`;
  const pallet = `urn:epc:id:sscc:952012.${String(parseInt(tag.slice(0, 6), 16) % 1e11).padStart(11, '0')}`;
  const leg = (from: string, to: string) => ({
    sourceList: [{ type: 'location', source: from }],
    destinationList: [{ type: 'location', destination: to }],
  });
  const steps: Json[] = [
    {
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      epcList: [],
      quantityList: [{ epcClass: lotA, quantity: 1250, uom: 'KGM' }],
      readPoint: { id: FARM },
      bizLocation: { id: FARM },
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      epcList: [],
      quantityList: [{ epcClass: lotA, quantity: 1250, uom: 'KGM' }],
      readPoint: { id: FARM },
      ...leg(FARM, PACKHOUSE),
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      epcList: [],
      quantityList: [{ epcClass: lotA, quantity: 1250, uom: 'KGM' }],
      bizLocation: { id: PACKHOUSE },
    },
    {
      type: 'TransformationEvent',
      bizStep: 'creating_class_instance',
      inputQuantityList: [{ epcClass: lotA, quantity: 1250, uom: 'KGM' }],
      outputQuantityList: [{ epcClass: lotP, quantity: 1000, uom: 'KGM' }],
      bizLocation: { id: PACKHOUSE },
    },
    {
      type: 'AggregationEvent',
      action: 'ADD',
      bizStep: 'packing',
      parentID: pallet,
      childEPCs: [],
      childQuantityList: [{ epcClass: lotP, quantity: 1000, uom: 'KGM' }],
      bizLocation: { id: PACKHOUSE },
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      epcList: [pallet],
      readPoint: { id: PACKHOUSE },
      ...leg(PACKHOUSE, DC),
      bizTransactionList: [
        { type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:9520123456788:${tag}-PO1` },
      ],
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      epcList: [pallet],
      bizLocation: { id: DC },
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'storing',
      disposition: 'sellable_not_accessible',
      epcList: [pallet],
      bizLocation: { id: DC },
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'shipping',
      disposition: 'in_transit',
      epcList: [pallet],
      readPoint: { id: DC },
      ...leg(DC, STORE),
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'receiving',
      disposition: 'in_progress',
      epcList: [pallet],
      bizLocation: { id: STORE },
    },
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'stocking',
      disposition: 'sellable_accessible',
      epcList: [pallet],
      bizLocation: { id: STORE },
    },
  ];
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date(BASE_TIME).toISOString(),
    epcisBody: {
      eventList: steps.map((fields, i) => ({
        eventTime: new Date(BASE_TIME + i * 3_600_000).toISOString(),
        eventTimeZoneOffset: '+08:00',
        ...fields,
      })),
    },
  };
}
