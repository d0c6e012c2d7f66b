import fc from 'fast-check';
import {
  CalendarDateError,
  addDays,
  addYears,
  calendarDateOf,
  dayNumber,
  daysBetween,
  fromDayNumber,
} from './calendar-date';

describe('calendar dates', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024-03-01T23:30:00-05:00', '2024-03-01'],
    ['2024-03-01T00:30:00+09:00', '2024-03-01'],
    ['2024-03-01T12:00:00.123Z', '2024-03-01'],
    ['2024-03-01T12:00', '2024-03-01'],
  ])('%s falls on %s', (input, date) => {
    expect(calendarDateOf(input)).toBe(date);
  });

  it('takes a Date in UTC', () => {
    expect(calendarDateOf(new Date('2024-03-01T23:30:00-05:00'))).toBe('2024-03-02');
  });

  it.each(['2023-02-29', '2024-13-01', '2024-04-31', '24-03-01', '2024-03-01T25:00Z', 'soon'])(
    'rejects %s',
    (input) => {
      expect(() => calendarDateOf(input)).toThrow(CalendarDateError);
    },
  );

  it('rejects an invalid Date', () => {
    expect(() => calendarDateOf(new Date('nope'))).toThrow(CalendarDateError);
  });

  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-05')).toBe(4);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('adds years by the corresponding date, 29 February giving 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-01-10', 1)).toBe('2024-01-10');
  });

  it('day numbers agree with the platform calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
        const date = fromDayNumber(days);
        expect(dayNumber(date)).toBe(days);
        expect(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10))).toBe(
          days * 86_400_000,
        );
      }),
    );
  });
});
