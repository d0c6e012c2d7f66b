/**
 * Realistic EPCIS 2.0 events for the benches, valid against GS1's JSON Schema
 * and the CBV 2.0 hash (SGTIN/SSCC/SGLN URNs with the right digit counts,
 * bare CBV words). Every (tag, n) gives a different event, so nothing a bench
 * sends is a duplicate of anything else.
 */
import { EPCIS_CONTEXT } from '@pujiang/epcis';

type Json = Record<string, unknown>;

/** Company prefix 952012 + item reference 0345678: 13 digits, as an SGTIN needs. */
const SGTIN_PREFIX = 'urn:epc:id:sgtin:952012.0345678.';
const FARM = 'urn:epc:id:sgln:952012.345679.0';
const PACKHOUSE = 'https://id.gs1.org/414/9520123456771';
const DC = 'https://id.gs1.org/414/9520123456788';
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
