/** A cold-chain reading, in degrees Celsius. */
export interface TemperatureReading {
  time: string;
  celsius: number;
}

/** What the page takes from a published event's own document beyond the trace. */
export interface EventFacts {
  /** `eventTimeZoneOffset`, the zone the event was recorded in (`+08:00`). */
  timeZoneOffset?: string;
  temperatures: TemperatureReading[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;
const TEMPERATURE = /^(gs1:|https:\/\/gs1\.org\/voc\/)Temperature$/;

/** °F and K converted; a reading in any other unit is not a temperature we can draw. */
function celsius(value: number, uom: unknown): number | undefined {
  if (uom === undefined || uom === 'CEL') return value;
  if (uom === 'FAH') return ((value - 32) * 5) / 9;
  if (uom === 'KEL') return value - 273.15;
  return undefined;
}

export function eventFacts(document: Json): EventFacts {
  const offset = document.eventTimeZoneOffset;
  const temperatures: TemperatureReading[] = [];
  const elements = Array.isArray(document.sensorElementList) ? document.sensorElementList : [];
  for (const element of elements) {
    if (!isObject(element) || !Array.isArray(element.sensorReport)) continue;
    const meta = isObject(element.sensorMetadata) ? element.sensorMetadata : {};
    for (const report of element.sensorReport) {
      if (!isObject(report) || typeof report.type !== 'string' || !TEMPERATURE.test(report.type)) {
        continue;
      }
      const value = typeof report.value === 'number' ? report.value : undefined;
      const time = [report.time, meta.time, document.eventTime].find(
        (t): t is string => typeof t === 'string',
      );
      const c = value === undefined ? undefined : celsius(value, report.uom);
      if (c !== undefined && time !== undefined) temperatures.push({ time, celsius: c });
    }
  }
  return {
    timeZoneOffset:
      typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : undefined,
    temperatures,
  };
}
