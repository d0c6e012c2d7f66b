import { InvalidField } from '../../domain/invalid-field';

/**
 * The schedule of a scheduled subscription, as GS1's query interface gives it
 * (EPCIS 2.0 §8.2.5.3, the REST binding's QuerySchedule): one text per field,
 * each a number, a range `[low-high]` or a comma-separated list of those.
 * Times are UTC. Decision 0031 says why no cron library reads it.
 */
export type ScheduleField = 'second' | 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek';

export type QuerySchedule = Partial<Record<ScheduleField, string>>;

/** From the finest field to the coarsest; dayOfMonth and dayOfWeek are both "a day". */
const FIELDS: readonly { field: ScheduleField; min: number; max: number; rank: number }[] = [
  { field: 'second', min: 0, max: 59, rank: 0 },
  { field: 'minute', min: 0, max: 59, rank: 1 },
  { field: 'hour', min: 0, max: 23, rank: 2 },
  { field: 'dayOfMonth', min: 1, max: 31, rank: 3 },
  { field: 'dayOfWeek', min: 1, max: 7, rank: 3 },
  { field: 'month', min: 1, max: 12, rank: 4 },
];

export const SCHEDULE_FIELDS: readonly ScheduleField[] = FIELDS.map((f) => f.field);

/** Long enough for every weekday to fall on every date of every month, leap years included. */
const SEARCH_YEARS = 28;

const ELEMENT = /^(?:(\d{1,2})|\[(\d{1,2})-(\d{1,2})\])$/;

/** The values a field's text allows, or why it allows none. */
function fieldValues(text: string, min: number, max: number): Set<number> | string {
  const values = new Set<number>();
  for (const element of text.split(',')) {
    const match = ELEMENT.exec(element.trim());
    if (match === null) return `"${element}" is not a number or a range [low-high]`;
    const low = Number(match[1] ?? match[2]);
    const high = Number(match[1] ?? match[3]);
    if (low < min || high > max || low > high) {
      return `"${element}" is outside ${min} to ${max}`;
    }
    for (let value = low; value <= high; value++) values.add(value);
  }
  return values;
}

/** What is wrong with a schedule, by pointer under `at` (e.g. /schedule/hour). */
export function scheduleProblems(schedule: unknown, at: string): InvalidField[] {
  if (typeof schedule !== 'object' || schedule === null || Array.isArray(schedule)) {
    return [{ pointer: at, detail: 'must be an object of schedule fields' }];
  }
  const fields = schedule as Record<string, unknown>;
  const problems: InvalidField[] = [];
  for (const [key, text] of Object.entries(fields)) {
    const rule = FIELDS.find((f) => f.field === key);
    if (rule === undefined) {
      problems.push({ pointer: `${at}/${key}`, detail: 'is not a schedule field' });
    } else if (typeof text !== 'string') {
      problems.push({ pointer: `${at}/${key}`, detail: 'must be a string' });
    } else {
      const values = fieldValues(text, rule.min, rule.max);
      if (typeof values === 'string') problems.push({ pointer: `${at}/${key}`, detail: values });
    }
  }
  if (Object.keys(fields).length === 0) {
    problems.push({ pointer: at, detail: `names at least one of ${SCHEDULE_FIELDS.join(', ')}` });
  }
  if (problems.length === 0 && nextRun(fields, new Date(0)) === undefined) {
    problems.push({ pointer: at, detail: 'no date ever matches every field' });
  }
  return problems;
}

/**
 * Each field's allowed values. A field left out matches every value if it is
 * coarser than the finest field given, and only its first value otherwise:
 * `{ hour: '1', minute: '5' }` is 01:05:00 every day (GS1's own example), not
 * sixty runs in that minute; `{ dayOfWeek: '1' }` is Monday at midnight.
 */
function allowedValues(schedule: QuerySchedule): Record<ScheduleField, Set<number>> {
  const finest = Math.min(
    ...FIELDS.filter((f) => schedule[f.field] !== undefined).map((f) => f.rank),
  );
  const allowed = {} as Record<ScheduleField, Set<number>>;
  for (const { field, min, max, rank } of FIELDS) {
    const text = schedule[field];
    const values = text === undefined ? undefined : fieldValues(text, min, max);
    if (typeof values === 'string') throw new Error(`schedule ${field}: ${values}`);
    allowed[field] =
      values ??
      (rank < finest
        ? new Set([min])
        : new Set(Array.from({ length: max - min + 1 }, (_, i) => min + i)));
  }
  return allowed;
}

/**
 * The first whole second strictly after `after` that the schedule names
 * (UTC), or undefined if none comes within the search window. A run that
 * was missed (the service was down) is not made up one by one: the next run
 * after `after` takes everything owed since.
 */
export function nextRun(schedule: QuerySchedule, after: Date): Date | undefined {
  const allowed = allowedValues(schedule);
  let t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  const end = Date.UTC(t.getUTCFullYear() + SEARCH_YEARS, 0, 1);
  while (t.getTime() < end) {
    const [year, month, day] = [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()];
    const isoWeekday = ((t.getUTCDay() + 6) % 7) + 1;
    if (!allowed.month.has(month + 1)) t = new Date(Date.UTC(year, month + 1, 1));
    else if (!allowed.dayOfMonth.has(day) || !allowed.dayOfWeek.has(isoWeekday)) {
      t = new Date(Date.UTC(year, month, day + 1));
    } else if (!allowed.hour.has(t.getUTCHours())) {
      t = new Date(Date.UTC(year, month, day, t.getUTCHours() + 1));
    } else if (!allowed.minute.has(t.getUTCMinutes())) {
      t = new Date(Date.UTC(year, month, day, t.getUTCHours(), t.getUTCMinutes() + 1));
    } else if (!allowed.second.has(t.getUTCSeconds())) t = new Date(t.getTime() + 1000);
    else return t;
  }
  return undefined;
}
