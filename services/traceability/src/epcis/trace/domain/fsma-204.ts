import { lotOfDigitalLink } from '@pujiang/epcis';

/**
 * The FDA FSMA 204 "electronic sortable spreadsheet": one row per critical
 * tracking event (CTE) with its key data elements (KDEs), for a lot and a
 * date range. The CTE is read from the CBV business step.
 */
export interface FsmaEvent {
  eventID: string;
  eventType: string;
  eventTime: string;
  bizStep: string | null;
  location: string | null;
  quantities: { epcClass: string; quantity?: number; uom?: string }[];
  shipFrom: string | null;
  shipTo: string | null;
  referenceDocuments: { type: string | null; id: string }[];
}

export { FSMA_COLUMNS } from '@pujiang/standards';

const CTE_BY_BIZ_STEP: Record<string, string> = {
  growing: 'Growing',
  harvesting: 'Harvesting',
  commissioning: 'Initial Packing',
  packing: 'Initial Packing',
  storing: 'Cooling',
  shipping: 'Shipping',
  departing: 'Shipping',
  receiving: 'Receiving',
  arriving: 'Receiving',
  accepting: 'Receiving',
  transforming: 'Transformation',
  creating_class_instance: 'Transformation',
};

export function criticalTrackingEvent(event: Pick<FsmaEvent, 'bizStep' | 'eventType'>): string {
  if (event.eventType === 'TransformationEvent') return 'Transformation';
  const step = event.bizStep?.replace(/^.*BizStep-/, '') ?? '';
  return CTE_BY_BIZ_STEP[step] ?? (step === '' ? 'Other' : `Other (${step})`);
}

/** Rows for the given lots; an event about a pallet that carried a lot is listed under that lot. */
export function fsmaRows(lots: readonly string[], events: readonly FsmaEvent[]): string[][] {
  const rows: string[][] = [];
  for (const event of events) {
    const named = event.quantities.filter((q) => lots.includes(q.epcClass));
    const entries: FsmaEvent['quantities'] =
      named.length > 0 ? named : lots.slice(0, 1).map((epcClass) => ({ epcClass }));
    for (const entry of entries) {
      const lot = lotOfDigitalLink(entry.epcClass);
      const document = event.referenceDocuments[0];
      rows.push([
        lot?.lot ?? entry.epcClass,
        lot?.gtin ?? '',
        entry.quantity === undefined ? '' : String(entry.quantity),
        entry.uom ?? '',
        criticalTrackingEvent(event),
        event.eventTime.slice(0, 10),
        event.eventTime.slice(11, 19),
        event.location ?? '',
        event.shipFrom ?? '',
        event.shipTo ?? '',
        document?.type?.replace(/^.*BTT-/, '') ?? '',
        document?.id ?? '',
        event.eventID,
      ]);
    }
  }
  return rows;
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are quoted with a leading '. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
