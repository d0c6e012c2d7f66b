import { canonicalIdentifier, cbvValue, parseDigitalLink } from '@pujiang/epcis';

/**
 * What the monitors read from a captured EPCIS 2.0 event (JSON-LD, as
 * traceability stored it): the identifiers it names, its business step and
 * business transactions, and its sensor readings. Every identifier is in its
 * canonical Digital Link form, so an EPC URN and its Digital Link match.
 */
type Json = Record<string, unknown>;

const IDENTIFIER_LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const;
const QUANTITY_LISTS = [
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputQuantityList',
] as const;

export interface SensorReading {
  /** CBV measurement type as its web URI (…/voc/Temperature), or as written. */
  type: string;
  value: number;
  uom: string | undefined;
  time: string | undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function objects(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((v): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v))
    : [];
}

/** Every object and class the event names (EPCs, parent, quantities), canonical, once each. */
export function identifiersOf(event: Json): string[] {
  const named = IDENTIFIER_LISTS.flatMap((list) => strings(event[list]));
  if (typeof event.parentID === 'string') named.push(event.parentID);
  for (const list of QUANTITY_LISTS) {
    for (const quantity of objects(event[list])) {
      if (typeof quantity.epcClass === 'string') named.push(quantity.epcClass);
    }
  }
  return [...new Set(named.map(canonicalIdentifier))];
}

/** The GTIN of a canonical identifier (a trade item, a lot or a serial), if it is one. */
export function gtinOf(identifier: string): string | undefined {
  try {
    return parseDigitalLink(identifier).gtin;
  } catch {
    return undefined;
  }
}

/** The CBV business step's word (`shipping`), or undefined when the event has none or another vocabulary's. */
export function bizStepOf(event: Json): string | undefined {
  if (typeof event.bizStep !== 'string') return undefined;
  const uri = cbvValue(event.bizStep, 'BizStep');
  const match = /^https:\/\/ref\.gs1\.org\/cbv\/BizStep-([A-Za-z0-9_]+)$/.exec(uri);
  return match?.[1];
}

/** The business transactions the event names, with their CBV type word (`bol`, `po`) where it has one. */
export function bizTransactionsOf(event: Json): { type: string | undefined; id: string }[] {
  return objects(event.bizTransactionList).flatMap((transaction) => {
    if (typeof transaction.bizTransaction !== 'string') return [];
    const uri = typeof transaction.type === 'string' ? cbvValue(transaction.type, 'BTT') : '';
    const type = /^https:\/\/ref\.gs1\.org\/cbv\/BTT-([A-Za-z0-9_]+)$/.exec(uri)?.[1];
    return [{ type, id: transaction.bizTransaction.trim() }];
  });
}

/** Every numeric sensor report of the event, with the element's time where the report has none. */
export function sensorReadingsOf(event: Json): SensorReading[] {
  return objects(event.sensorElementList).flatMap((element) => {
    const metadata = (element.sensorMetadata ?? {}) as Json;
    const elementTime = typeof metadata.time === 'string' ? metadata.time : undefined;
    return objects(element.sensorReport).flatMap((report): SensorReading[] => {
      if (typeof report.type !== 'string' || typeof report.value !== 'number') return [];
      return [
        {
          type: cbvValue(report.type, 'gs1'),
          value: report.value,
          uom: typeof report.uom === 'string' ? report.uom : undefined,
          time: typeof report.time === 'string' ? report.time : elementTime,
        },
      ];
    });
  });
}
