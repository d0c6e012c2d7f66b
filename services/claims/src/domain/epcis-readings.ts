import {
  DigitalLinkError,
  epcToDigitalLink,
  eventHashId,
  parseDigitalLink,
  type EventHashContext,
  type JsonObject,
  type JsonValue,
} from '@pujiang/epcis';
import { isValidContainerNumber, normaliseContainerNumber } from '@pujiang/standards';
import type { TemperatureReading } from './parametric-triggers';

/**
 * Temperature readings, and what they are readings of, from one EPCIS 2.0 event.
 *
 * Readings: `sensorElementList[].sensorReport[]` entries of type Temperature (`Temperature`,
 * `gs1:Temperature`, `https://gs1.org/voc/Temperature`) with a single numeric `value` in CEL,
 * FAH or KEL (UN/ECE Rec. 20), timed by the report's `time`, else its sensorMetadata `time`,
 * else the `eventTime`. Aggregates (minValue/maxValue/meanValue), exceptions and other units
 * are not readings; they are listed in `skipped` with the reason.
 *
 * Containers (ISO 6346, check digit valid), accepted from:
 * - `urn:epc:id:bic:<number>` in parentID, epcList, childEPCs, inputEPCList, outputEPCList;
 * - a GIAI (`urn:epc:id:giai:<company prefix>.<number>` or Digital Link AI 8004) whose asset
 *   reference is a container number;
 * - `bizTransactionList[].bizTransaction` holding a bare container number or a BIC URN;
 * - a user extension `containerNumber` (any prefix) on the event or in its `ilmd`.
 * An SSCC is a logistic unit, never a container. Other EPCs go to `epcs` and quantityList
 * classes to `lots`, as canonical Digital Link URIs where they are GS1 keys.
 */
export interface EpcisTemperatureExtract {
  readonly eventId: string;
  readonly readings: readonly TemperatureReading[];
  readonly containers: readonly string[];
  readonly epcs: readonly string[];
  /** quantityList classes: lots (LGTIN) or, without a lot, product classes. */
  readonly lots: readonly string[];
  readonly skipped: readonly { readonly at: string; readonly reason: string }[];
}

const TEMPERATURE = new Set([
  'Temperature',
  'gs1:Temperature',
  'https://gs1.org/voc/Temperature',
  'http://gs1.org/voc/Temperature',
]);

/** Tenths of a degree Celsius, before rounding, by UN/ECE Rec. 20 unit. */
const TENTHS: Readonly<Record<string, (value: number) => number>> = {
  CEL: (v) => v * 10,
  KEL: (v) => v * 10 - 2731.5,
  FAH: (v) => ((v - 32) * 50) / 9,
};

/** Whole tenths of °C, halves away from zero; undefined for a unit that is not a temperature. */
export function toCelsiusTenths(value: number, uom: string): number | undefined {
  const convert = Object.prototype.hasOwnProperty.call(TENTHS, uom) ? TENTHS[uom] : undefined;
  if (convert === undefined) return undefined;
  // Snap away binary noise first: 26.1 °C is 261.00000000000003 tenths.
  const tenths = Math.round(convert(value) * 1e6) / 1e6;
  const rounded = Math.sign(tenths) * Math.round(Math.abs(tenths));
  return rounded === 0 ? 0 : rounded;
}

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: JsonValue | undefined): JsonValue[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
const text = (v: JsonValue | undefined): string | undefined =>
  typeof v === 'string' ? v : undefined;

function plainContainer(value: string): string | undefined {
  const bic = /^urn:epc:id:bic:(.+)$/i.exec(value);
  const candidate = normaliseContainerNumber(bic ? bic[1] : value);
  return isValidContainerNumber(candidate) ? candidate : undefined;
}

/** A container behind a BIC URN or a GIAI whose asset reference is a container number. */
function containerOfEpc(epc: string): string | undefined {
  if (/^urn:epc:id:bic:/i.test(epc)) return plainContainer(epc);
  const giaiUrn = /^urn:epc:id:giai:\d{6,12}\.(.+)$/.exec(epc);
  if (giaiUrn) return plainContainer(giaiUrn[1]);
  if (!/^https?:\/\//i.test(epc)) return undefined;
  try {
    // A GIAI is company prefix digits then the asset reference; a container starts with letters.
    const asset = /^\d{6,12}([A-Z]{3}[UJZ]\d{7})$/.exec(parseDigitalLink(epc).giai ?? '');
    return asset ? plainContainer(asset[1]) : undefined;
  } catch (error) {
    if (error instanceof DigitalLinkError) return undefined;
    throw error;
  }
}

/** The canonical Digital Link of a GS1 key, as written when it is none. */
function identity(id: string): string {
  if (id.startsWith('urn:epc:')) return epcToDigitalLink(id) ?? id;
  try {
    return /^https?:\/\//i.test(id) ? parseDigitalLink(id).canonical : id;
  } catch (error) {
    if (error instanceof DigitalLinkError) return id;
    throw error;
  }
}

class Extractor {
  readonly readings: TemperatureReading[] = [];
  readonly containers = new Set<string>();
  readonly epcs = new Set<string>();
  readonly lots = new Set<string>();
  readonly skipped: { at: string; reason: string }[] = [];

  constructor(
    private readonly event: JsonObject,
    readonly eventId: string,
  ) {}

  report(report: JsonValue, metadata: JsonObject, element: number, at: string): void {
    if (!isObject(report) || !TEMPERATURE.has(text(report['type']) ?? '')) return;
    const skip = (reason: string): void => void this.skipped.push({ at, reason });
    if (report['exception'] !== undefined) return skip('the sensor reported an exception');
    const value = report['value'];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return skip(
        'no single numeric value (minValue, maxValue and other aggregates are not readings)',
      );
    }
    const uom = text(report['uom']) ?? '';
    const celsiusTenths = toCelsiusTenths(value, uom);
    if (celsiusTenths === undefined) return skip(`unit '${uom}' is not CEL, FAH or KEL`);
    const time =
      text(report['time']) ?? text(metadata['time']) ?? text(this.event['eventTime']) ?? '';
    const ms = Date.parse(time);
    if (Number.isNaN(ms)) return skip('no time');
    this.readings.push({ time: new Date(ms), celsiusTenths, eventId: this.eventId, element });
  }

  subjects(): void {
    const e = this.event;
    const ids = [
      e['parentID'],
      e['epcList'],
      e['childEPCs'],
      e['inputEPCList'],
      e['outputEPCList'],
    ];
    for (const id of ids.flatMap(list).map(text)) {
      if (id === undefined) continue;
      const container = containerOfEpc(id);
      if (container) this.containers.add(container);
      else this.epcs.add(identity(id));
    }
    const quantities = [
      'quantityList',
      'childQuantityList',
      'inputQuantityList',
      'outputQuantityList',
    ];
    for (const q of quantities.flatMap((key) => list(e[key]))) {
      const epcClass = isObject(q) ? text(q['epcClass']) : undefined;
      if (epcClass !== undefined) this.lots.add(identity(epcClass));
    }
    for (const bt of list(e['bizTransactionList'])) {
      const container = plainContainer(isObject(bt) ? (text(bt['bizTransaction']) ?? '') : '');
      if (container) this.containers.add(container);
    }
    this.containerNumbers(e, '');
    const ilmd = e['ilmd'];
    if (isObject(ilmd)) this.containerNumbers(ilmd, 'ilmd.');
  }

  private containerNumbers(holder: JsonObject, path: string): void {
    for (const [key, value] of Object.entries(holder)) {
      if (key !== 'containerNumber' && !key.endsWith(':containerNumber')) continue;
      for (const number of list(value)) {
        const container = typeof number === 'string' ? plainContainer(number) : undefined;
        if (container) this.containers.add(container);
        else this.skipped.push({ at: path + key, reason: 'not an ISO 6346 container number' });
      }
    }
  }
}

/**
 * Readings and subjects of one event (see the module comment for what is accepted). The event
 * is identified by its eventID, or by its CBV 2.0 event hash when it has none; `context` is
 * the enclosing document's, which that hash needs for extension prefixes.
 */
export function readingsFromEpcisEvent(
  event: unknown,
  context?: EventHashContext,
): EpcisTemperatureExtract {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new TypeError('an EPCIS event must be a JSON object');
  }
  const e = event as JsonObject;
  const extractor = new Extractor(e, text(e['eventID']) ?? eventHashId(e, context));
  list(e['sensorElementList']).forEach((element, i) => {
    if (!isObject(element)) return;
    const metadata = isObject(element['sensorMetadata']) ? element['sensorMetadata'] : {};
    list(element['sensorReport']).forEach((report, j) =>
      extractor.report(report, metadata, i, `sensorElementList[${i}].sensorReport[${j}]`),
    );
  });
  extractor.subjects();
  return {
    eventId: extractor.eventId,
    readings: extractor.readings,
    containers: [...extractor.containers],
    epcs: [...extractor.epcs],
    lots: [...extractor.lots],
    skipped: extractor.skipped,
  };
}
