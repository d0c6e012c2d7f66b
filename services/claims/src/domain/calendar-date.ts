/**
 * Calendar dates ('YYYY-MM-DD') for rules that count whole days: time bars, ETAs, loss-date
 * windows. The law counts days where the event happened, so a date-time written with an offset
 * ('2024-03-01T23:30:00-05:00') falls on the date it names (1 March), not on its UTC date; a
 * `Date` object carries no offset and is taken in UTC.
 */
export type CalendarDate = string;
export type DateInput = Date | string;

export class CalendarDateError extends RangeError {
  override readonly name = 'CalendarDateError';
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/i;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function fromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function format(year: number, month: number, day: number): CalendarDate {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function parts(date: CalendarDate): [number, number, number] {
  const match = DATE_TIME.exec(date);
  if (!match || date.length !== 10)
    throw new CalendarDateError(`'${date}' is not a YYYY-MM-DD date`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CalendarDateError(`'${date}' is not a day of the calendar`);
  }
  return [year, month, day];
}

/** The day a date or date-time falls on (see the module comment for offsets). */
export function calendarDateOf(input: DateInput): CalendarDate {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new CalendarDateError('invalid Date');
    return input.toISOString().slice(0, 10);
  }
  if (!DATE_TIME.test(input) || (input.length > 10 && Number.isNaN(Date.parse(input)))) {
    throw new CalendarDateError(`'${input}' is not an ISO 8601 date or date-time`);
  }
  const date = input.slice(0, 10);
  parts(date);
  return date;
}

/** Days since 1970-01-01 (negative before). */
export function dayNumber(date: CalendarDate): number {
  return fromCivil(...parts(date));
}

export function fromDayNumber(days: number): CalendarDate {
  const iso = new Date(days * 86_400_000).toISOString();
  return format(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** `to` minus `from` in days. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The corresponding date `years` later; with no such day (29 February) the last day of that
 * month. This is the English "corresponding date rule" (Dodds v Walker [1981] 1 WLR 1027).
 */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [year, month, day] = parts(date);
  const target = year + years;
  return format(target, month, Math.min(day, daysInMonth(target, month)));
}
