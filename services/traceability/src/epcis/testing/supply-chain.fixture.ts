import { EPCIS_CONTEXT } from '@pujiang/epcis';

/**
 * Farm-to-store supply chains, written as a farmer's, a packer's and a carrier's systems
 * would send them (EPC URNs and Digital Links mixed). `tag` makes lot numbers unique per
 * test or bench run, so runs sharing a database never meet.
 */

type Json = Record<string, unknown>;

const FARM = 'urn:epc:id:sgln:952012.345679.0';
const PACKHOUSE = 'https://id.gs1.org/414/9520123456771';
const DC = 'https://id.gs1.org/414/9520123456788';
const STORE = 'https://id.gs1.org/414/9520123456795';

/** The lot harvested at the farm (`-A`) and the lot packed from it (`-P`). */
function lotsOf(tag: string): { harvested: string; packed: string } {
  return {
    harvested: `urn:epc:class:lgtin:952012.0345678.${tag}-A`,
    packed: `https://id.gs1.org/01/09520123456788/10/${tag}-P`,
  };
}

const kilograms = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: 'KGM' });
const purchaseOrder = (tag: string) => ({
  type: 'po',
  bizTransaction: `urn:epcglobal:cbv:bt:9520123456788:${tag}-PO1`,
});
const leg = (from: string, to: string) => ({
  sourceList: [{ type: 'location', source: from }],
  destinationList: [{ type: 'location', destination: to }],
});

function harvest(lot: string): Json {
  return {
    type: 'ObjectEvent',
    action: 'ADD',
    bizStep: 'commissioning',
    disposition: 'active',
    epcList: [],
    quantityList: [kilograms(lot, 1250)],
    readPoint: { id: FARM },
    bizLocation: { id: FARM },
  };
}

function packIntoNewLot(from: string, to: string): Json {
  return {
    type: 'TransformationEvent',
    bizStep: 'creating_class_instance',
    inputQuantityList: [kilograms(from, 1250)],
    outputQuantityList: [kilograms(to, 1000)],
    bizLocation: { id: PACKHOUSE },
  };
}

function palletise(lot: string, pallet: string): Json {
  return {
    type: 'AggregationEvent',
    action: 'ADD',
    bizStep: 'packing',
    parentID: pallet,
    childEPCs: [],
    childQuantityList: [kilograms(lot, 1000)],
    bizLocation: { id: PACKHOUSE },
  };
}

/** A pallet observed at `place`: `bizStep` and `disposition` say what was done there. */
function palletAt(pallet: string, place: string, bizStep: string, disposition: string): Json {
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep,
    disposition,
    epcList: [pallet],
    bizLocation: { id: place },
  };
}

function palletShipped(pallet: string, from: string, to: string): Json {
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    epcList: [pallet],
    readPoint: { id: from },
    ...leg(from, to),
  };
}

/**
 * A small farm-to-DC chain in five events: harvest, packing into a new lot, palletising,
 * shipping under a purchase order and receipt at the DC. The pallet is the same in every
 * run, so its receipt is a duplicate after the first.
 */
export function supplyChainDocument(tag: string) {
  const { harvested, packed } = lotsOf(tag);
  const pallet = 'urn:epc:id:sscc:952012.03456789012';
  const event = (fields: Json, minute: number) => ({
    eventTime: `2026-11-20T08:${String(minute).padStart(2, '0')}:00.000+01:00`,
    eventTimeZoneOffset: '+01:00',
    ...fields,
  });
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-20T09:00:00.000+01:00',
    epcisBody: {
      eventList: [
        harvest(harvested),
        packIntoNewLot(harvested, packed),
        palletise(packed, pallet),
        { ...palletShipped(pallet, PACKHOUSE, DC), bizTransactionList: [purchaseOrder(tag)] },
        palletAt(pallet, DC, 'receiving', 'in_progress'),
      ].map((fields, i) => event(fields, i + 1)) as Json[],
    },
  };
}

/**
 * One lot from field to shelf in eleven steps: harvest, transport to the packhouse, packing
 * into a new lot, palletising, two legs by road with a cold-store stay between, and arrival
 * at the store. The pallet's SSCC comes from the first six characters of `tag`, which must
 * be hexadecimal, so every run has its own pallet.
 */
export function farmToStoreDocument(tag: string): Json {
  const { harvested, packed } = lotsOf(tag);
  const pallet = `urn:epc:id:sscc:952012.${String(parseInt(tag.slice(0, 6), 16) % 1e11).padStart(11, '0')}`;
  const harvestedLotAt = (fields: Json): Json => ({
    type: 'ObjectEvent',
    action: 'OBSERVE',
    epcList: [],
    quantityList: [kilograms(harvested, 1250)],
    ...fields,
  });
  const steps: Json[] = [
    harvest(harvested),
    harvestedLotAt({
      bizStep: 'shipping',
      disposition: 'in_transit',
      readPoint: { id: FARM },
      ...leg(FARM, PACKHOUSE),
    }),
    harvestedLotAt({
      bizStep: 'receiving',
      disposition: 'in_progress',
      bizLocation: { id: PACKHOUSE },
    }),
    packIntoNewLot(harvested, packed),
    palletise(packed, pallet),
    { ...palletShipped(pallet, PACKHOUSE, DC), bizTransactionList: [purchaseOrder(tag)] },
    palletAt(pallet, DC, 'receiving', 'in_progress'),
    palletAt(pallet, DC, 'storing', 'sellable_not_accessible'),
    palletShipped(pallet, DC, STORE),
    palletAt(pallet, STORE, 'receiving', 'in_progress'),
    palletAt(pallet, STORE, 'stocking', 'sellable_accessible'),
  ];
  const start = Date.parse('2026-11-20T00:00:00.000Z');
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date(start).toISOString(),
    epcisBody: {
      eventList: steps.map((fields, i) => ({
        eventTime: new Date(start + i * 3_600_000).toISOString(),
        eventTimeZoneOffset: '+08:00',
        ...fields,
      })),
    },
  };
}
