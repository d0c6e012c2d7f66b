import {
  addDays,
  addYears,
  calendarDateOf,
  daysBetween,
  type CalendarDate,
  type DateInput,
} from './calendar-date';

/**
 * The legal clocks of a cargo claim against the carrier, from the dates known so far. Days are
 * calendar days at the place written in each date (see calendar-date.ts); the day of delivery
 * itself is not counted, and a deadline is the last day on which the act is still in time.
 * Late notice does not bar the claim, it makes removal of the goods prima facie evidence of
 * delivery in good order; a late suit discharges the carrier altogether.
 */
export type ClockName = 'NOTICE_OF_LOSS' | 'SUIT_AGAINST_CARRIER';
export type ClockState = 'OPEN' | 'WARNING' | 'EXPIRED';

export interface TimeBarFacts {
  readonly deliveredAt?: DateInput;
  /** When the goods should have been delivered: the suit clock for goods never delivered. */
  readonly expectedDeliveryAt?: DateInput;
  readonly damageApparent: boolean;
  /** Extensions of the suit period agreed with the carrier. */
  readonly extensions: readonly { readonly until: DateInput }[];
}

export interface TimeBarOptions {
  /** WARNING when this many days or fewer are left; default 1. */
  readonly noticeWarningDays?: number;
  /** Default 30. */
  readonly suitWarningDays?: number;
}

export interface Clock {
  readonly name: ClockName;
  readonly deadline: CalendarDate;
  /** Days from today to the deadline: 0 on the last day, negative once past it. */
  readonly daysLeft: number;
  readonly state: ClockState;
  /** The rule the deadline comes from, for the claim file. */
  readonly basis: string;
}

const HV = 'Hague-Visby Rules art. III r.6';

function clock(
  name: ClockName,
  deadline: CalendarDate,
  today: CalendarDate,
  warningDays: number,
  basis: string,
): Clock {
  const daysLeft = daysBetween(today, deadline);
  const state = daysLeft < 0 ? 'EXPIRED' : daysLeft <= warningDays ? 'WARNING' : 'OPEN';
  return { name, deadline, daysLeft, state, basis };
}

/** The latest agreed extension, when it reaches beyond the one-year date: it never shortens it. */
function suitDeadline(oneYear: CalendarDate, extensions: TimeBarFacts['extensions']): CalendarDate {
  return extensions
    .map((extension) => calendarDateOf(extension.until))
    .reduce((latest, until) => (until > latest ? until : latest), oneYear);
}

/**
 * The notice clock runs only once goods are delivered; the suit clock from delivery, or from
 * the date they should have been delivered when they never were.
 */
export function timeBars(
  facts: TimeBarFacts,
  now: DateInput,
  options: TimeBarOptions = {},
): Clock[] {
  const today = calendarDateOf(now);
  const { noticeWarningDays = 1, suitWarningDays = 30 } = options;
  const clocks: Clock[] = [];
  const delivered = facts.deliveredAt === undefined ? undefined : calendarDateOf(facts.deliveredAt);
  if (delivered !== undefined) {
    // Hague-Visby Rules art. III r.6: notice at removal when apparent, else within three days.
    const [deadline, basis] = facts.damageApparent
      ? [delivered, `${HV}: at delivery, damage apparent`]
      : [addDays(delivered, 3), `${HV}: within 3 days of delivery`];
    clocks.push(clock('NOTICE_OF_LOSS', deadline, today, noticeWarningDays, basis));
  }
  const from =
    delivered ??
    (facts.expectedDeliveryAt === undefined ? undefined : calendarDateOf(facts.expectedDeliveryAt));
  if (from !== undefined) {
    // Hague-Visby Rules art. III r.6: suit within a year, extendable by agreement.
    const oneYear = addYears(from, 1);
    const deadline = suitDeadline(oneYear, facts.extensions);
    const basis =
      deadline === oneYear
        ? `${HV}: one year from ${delivered === undefined ? 'due delivery' : 'delivery'}`
        : `${HV}: one year, extended by agreement`;
    clocks.push(clock('SUIT_AGAINST_CARRIER', deadline, today, suitWarningDays, basis));
  }
  return clocks;
}
