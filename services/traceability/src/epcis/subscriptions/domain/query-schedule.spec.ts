import { nextRun, scheduleProblems } from './query-schedule';

const at = (iso: string) => new Date(iso);
const next = (schedule: Parameters<typeof nextRun>[0], after: string) =>
  nextRun(schedule, at(after))?.toISOString();

describe('a query schedule', () => {
  it('runs GS1’s example (hour 1, minute 5) at 01:05:00 every day, once', () => {
    const schedule = { hour: '1', minute: '5' };
    expect(next(schedule, '2026-12-06T00:00:00Z')).toBe('2026-12-06T01:05:00.000Z');
    expect(next(schedule, '2026-12-06T01:05:00Z')).toBe('2026-12-07T01:05:00.000Z');
    expect(next(schedule, '2026-12-31T02:00:00Z')).toBe('2027-01-01T01:05:00.000Z');
  });

  it('reads numbers, ranges and lists; a field left out coarser than the finest given is any value', () => {
    expect(next({ second: '0,[20-21]' }, '2026-12-06T03:00:00.500Z')).toBe(
      '2026-12-06T03:00:20.000Z',
    );
    expect(next({ second: '0,[20-21]' }, '2026-12-06T03:00:20Z')).toBe('2026-12-06T03:00:21.000Z');
    expect(next({ second: '0,[20-21]' }, '2026-12-06T03:00:21Z')).toBe('2026-12-06T03:01:00.000Z');
    expect(next({ minute: '[0-59]' }, '2026-12-06T03:00:01Z')).toBe('2026-12-06T03:01:00.000Z');
  });

  it('needs every given field to match: day of month and day of week together', () => {
    // Friday the 13th, at midnight: dayOfWeek 5 is Friday (1 is Monday).
    expect(next({ dayOfMonth: '13', dayOfWeek: '5' }, '2026-12-06T00:00:00Z')).toBe(
      '2027-08-13T00:00:00.000Z',
    );
    // Sunday is 7.
    expect(next({ dayOfWeek: '7', hour: '12' }, '2026-12-01T00:00:00Z')).toBe(
      '2026-12-06T12:00:00.000Z',
    );
    // 29 February comes in leap years only.
    expect(next({ month: '2', dayOfMonth: '29' }, '2026-12-06T00:00:00Z')).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });

  it('refuses what is not a schedule, naming the field', () => {
    expect(scheduleProblems({ hour: '1', minute: '5' }, '/schedule')).toEqual([]);
    expect(
      scheduleProblems(
        { hour: '24', minute: '[5-1]', second: 'x', month: 3, weekday: '1' },
        '/schedule',
      ).map((p) => p.pointer),
    ).toEqual([
      '/schedule/hour',
      '/schedule/minute',
      '/schedule/second',
      '/schedule/month',
      '/schedule/weekday',
    ]);
    expect(scheduleProblems({}, '/schedule')).toHaveLength(1);
    expect(scheduleProblems('hourly', '/schedule')).toHaveLength(1);
    expect(scheduleProblems({ month: '2', dayOfMonth: '30' }, '/schedule')).toEqual([
      { pointer: '/schedule', detail: 'no date ever matches every field' },
    ]);
  });
});
