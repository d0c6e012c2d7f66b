import type { LateArrivalTrigger, TemperatureTrigger } from '@pujiang/contracts';
import {
  addDays,
  calendarDateOf,
  daysBetween,
  type CalendarDate,
  type DateInput,
} from './calendar-date';

/**
 * A parametric policy pays when a measured condition is met, not on an adjusted loss. Readings
 * arrive out of order and more than once, so detection is a pure function of the set of
 * readings stored so far: recomputing it after any delivery gives the same answer.
 */

/** What detection needs of a policy's trigger: the rule, not the id the policy gives it. */
export type TemperatureRule = Omit<TemperatureTrigger, 'triggerId'>;
export type LateArrivalRule = Omit<LateArrivalTrigger, 'triggerId'>;

/** One temperature reading of one container or lot. */
export interface TemperatureReading {
  readonly time: Date;
  readonly celsiusTenths: number;
  /** The EPCIS event the reading came in: the evidence a surveyor can look up. */
  readonly eventId: string;
  /** Its sensorElement in the event: what a device signature covers (issue 17). */
  readonly element?: number;
}

export interface Excursion {
  /** The first reading out of range. */
  readonly start: Date;
  /** The last reading out of range before one back in range (or the last reading known). */
  readonly end: Date;
  /** The reading at which the excursion had lasted minDurationMinutes. */
  readonly firedAt: Date;
  readonly durationMinutes: number;
  /** The out-of-range value farthest from the range. */
  readonly extremeCelsiusTenths: number;
  /** Events of the out-of-range readings, in time order, each once. */
  readonly eventIds: readonly string[];
  /** No reading after `end`: the excursion may still be going on. */
  readonly ongoing: boolean;
}

export class TriggerError extends RangeError {
  override readonly name = 'TriggerError';
}

function checkTemperatureTrigger(t: TemperatureRule): void {
  const integers = [t.minCelsiusTenths, t.maxCelsiusTenths, t.minDurationMinutes];
  if (!integers.every(Number.isSafeInteger)) {
    throw new TriggerError('trigger values must be integers');
  }
  if (t.minCelsiusTenths > t.maxCelsiusTenths) throw new TriggerError('min is above max');
  if (t.minDurationMinutes < 0) throw new TriggerError('minDurationMinutes is negative');
}

const keyOf = (r: TemperatureReading): string =>
  `${r.time.getTime()}|${r.celsiusTenths}|${r.eventId}`;

/** Sorted by time (then event, then value) with exact repeats removed: the canonical input. */
export function normaliseReadings(readings: Iterable<TemperatureReading>): TemperatureReading[] {
  const unique = new Map<string, TemperatureReading>();
  for (const reading of readings) {
    if (Number.isNaN(reading.time.getTime()) || !Number.isSafeInteger(reading.celsiusTenths)) {
      throw new TriggerError(`reading of event ${reading.eventId} has no valid time or value`);
    }
    unique.set(keyOf(reading), reading);
  }
  return [...unique.values()].sort(
    (a, b) =>
      a.time.getTime() - b.time.getTime() ||
      (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0) ||
      a.celsiusTenths - b.celsiusTenths,
  );
}

/** Tenths of a degree outside [min, max]; 0 inside. */
function distanceOut(t: TemperatureRule, value: number): number {
  return Math.max(t.minCelsiusTenths - value, value - t.maxCelsiusTenths, 0);
}

interface Run {
  /** The out-of-range readings of the run. */
  readonly out: TemperatureReading[];
  /** Its instants, in epoch milliseconds. */
  readonly times: number[];
  /** Whether it runs up to the last reading known. */
  last: boolean;
}

/**
 * Instants at which some reading was out of range form runs; readings at the same instant
 * (several sensors) count as out of range if any of them is. A run lasts from its first to its
 * last instant: a gap counts only when the readings on both sides of it are out of range.
 */
function outOfRangeRuns(t: TemperatureRule, sorted: readonly TemperatureReading[]): Run[] {
  const instants = new Map<number, TemperatureReading[]>();
  for (const reading of sorted) {
    const at = reading.time.getTime();
    instants.set(at, [...(instants.get(at) ?? []), reading]);
  }
  const runs: Run[] = [];
  let current: Run | undefined;
  for (const [at, group] of instants) {
    const out = group.filter((r) => distanceOut(t, r.celsiusTenths) > 0);
    if (out.length === 0) {
      current = undefined;
      continue;
    }
    if (current === undefined) runs.push((current = { out: [], times: [], last: false }));
    current.out.push(...out);
    current.times.push(at);
  }
  if (current !== undefined) current.last = true;
  return runs;
}

/** Every excursion that lasted at least the trigger's duration, in time order. */
export function detectExcursions(
  readings: Iterable<TemperatureReading>,
  trigger: TemperatureRule,
): Excursion[] {
  checkTemperatureTrigger(trigger);
  const minimum = trigger.minDurationMinutes * 60_000;
  return outOfRangeRuns(trigger, normaliseReadings(readings)).flatMap(({ out, times, last }) => {
    const [start, end] = [times[0], times[times.length - 1]];
    const firedAt = times.find((time) => time - start >= minimum);
    if (firedAt === undefined) return [];
    const extreme = out.reduce((a, b) =>
      distanceOut(trigger, b.celsiusTenths) > distanceOut(trigger, a.celsiusTenths) ? b : a,
    );
    return [
      {
        start: new Date(start),
        end: new Date(end),
        firedAt: new Date(firedAt),
        durationMinutes: Math.floor((end - start) / 60_000),
        extremeCelsiusTenths: extreme.celsiusTenths,
        eventIds: [...new Set(out.map((r) => r.eventId))],
        ongoing: last,
      },
    ];
  });
}

/** The first excursion long enough to fire the trigger, or undefined. */
export function detectExcursion(
  readings: Iterable<TemperatureReading>,
  trigger: TemperatureRule,
): Excursion | undefined {
  return detectExcursions(readings, trigger)[0];
}

/**
 * Readings for one container or lot, fed as they arrive; a thin holder around
 * detectExcursion for callers that keep readings in memory (the service recomputes from its
 * store instead). A late reading back in range inside a gap can withdraw an earlier firing:
 * the answer is always that of the readings known now.
 */
export class TemperatureExcursionDetector {
  private readonly readings = new Map<string, TemperatureReading>();

  constructor(private readonly trigger: TemperatureRule) {
    checkTemperatureTrigger(trigger);
  }

  /** Adds readings (any order, repeats ignored); returns the first firing excursion so far. */
  feed(...readings: TemperatureReading[]): Excursion | undefined {
    for (const reading of normaliseReadings(readings)) this.readings.set(keyOf(reading), reading);
    return detectExcursion(this.readings.values(), this.trigger);
  }
}

export interface LateArrival {
  readonly fired: boolean;
  /** The last day of arrival that is not late: ETA plus the grace days. */
  readonly latestOnTime: CalendarDate;
  /** Days after latestOnTime; 0 when on time. */
  readonly daysLate: number;
}

/** Fires when the arrival's date is after the ETA date plus the grace days. */
export function lateArrival(trigger: LateArrivalRule, arrivalTime: DateInput): LateArrival {
  if (!Number.isSafeInteger(trigger.graceDays) || trigger.graceDays < 0) {
    throw new TriggerError('graceDays must be a whole number of days, 0 or more');
  }
  const latestOnTime = addDays(calendarDateOf(trigger.etaDate), trigger.graceDays);
  const daysLate = Math.max(0, daysBetween(latestOnTime, calendarDateOf(arrivalTime)));
  return { fired: daysLate > 0, latestOnTime, daysLate };
}
