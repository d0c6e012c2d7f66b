import { convertUnit } from '@pujiang/standards';
import { gtinOf, identifiersOf, sensorReadingsOf } from './epcis-facts';

/** The temperatures (°C) a food product must be kept between, as the regulator sets them. */
export interface ColdChainRange {
  gtin: string;
  minCelsius: number;
  maxCelsius: number;
}

/** A temperature reading of a captured event outside the range of a product the event names. */
export interface ColdChainBreach {
  gtin: string;
  /** The lots (or items) of that product the event names, canonical Digital Links. */
  identifiers: string[];
  readingCelsius: number;
  minCelsius: number;
  maxCelsius: number;
  /** When the reading was taken: the report's or its element's time, else the event's. */
  readAt: string;
}

const TEMPERATURE = 'https://gs1.org/voc/Temperature';

/**
 * `SUPERVISION_COLD_CHAIN_RANGES`: `GTIN=min..max` in °C, comma-separated
 * (`09520123456788=0..5,04012345000009=-25..-18`). Undefined when malformed,
 * so start-up refuses it.
 */
export function parseColdChainRanges(text: string): ColdChainRange[] | undefined {
  if (text.trim() === '') return [];
  const ranges: ColdChainRange[] = [];
  for (const entry of text.split(',')) {
    const match = /^\s*(\d{14})=(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)\s*$/.exec(entry);
    if (match === null) return undefined;
    const [, gtin, min, max] = match as unknown as [string, string, string, string];
    if (Number(min) > Number(max) || ranges.some((r) => r.gtin === gtin)) return undefined;
    ranges.push({ gtin, minCelsius: Number(min), maxCelsius: Number(max) });
  }
  return ranges;
}

/**
 * The breaches one captured event shows: each temperature reading (in any
 * unit of temperature UN/CEFACT knows) outside the range of a product the
 * event names. Readings of other measurements, or without a unit, prove nothing.
 */
export function coldChainBreaches(
  event: Record<string, unknown>,
  ranges: readonly ColdChainRange[],
): ColdChainBreach[] {
  const products = new Map<string, string[]>();
  for (const identifier of identifiersOf(event)) {
    const gtin = gtinOf(identifier);
    if (gtin === undefined || !ranges.some((range) => range.gtin === gtin)) continue;
    products.set(gtin, [...(products.get(gtin) ?? []), identifier]);
  }
  if (products.size === 0) return [];
  const eventTime = typeof event.eventTime === 'string' ? event.eventTime : '';
  const breaches: ColdChainBreach[] = [];
  for (const reading of sensorReadingsOf(event)) {
    if (reading.type !== TEMPERATURE || reading.uom === undefined) continue;
    const celsius = convertUnit(reading.value, reading.uom, 'CEL');
    if (celsius === undefined) continue;
    for (const [gtin, identifiers] of products) {
      const range = ranges.find((r) => r.gtin === gtin) as ColdChainRange;
      if (celsius >= range.minCelsius && celsius <= range.maxCelsius) continue;
      breaches.push({
        gtin,
        identifiers,
        readingCelsius: Math.round(celsius * 100) / 100,
        minCelsius: range.minCelsius,
        maxCelsius: range.maxCelsius,
        readAt: reading.time ?? eventTime,
      });
    }
  }
  return breaches;
}
