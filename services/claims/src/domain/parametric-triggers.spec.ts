import fc from 'fast-check';
import {
  TemperatureExcursionDetector,
  TriggerError,
  detectExcursion,
  detectExcursions,
  lateArrival,
  normaliseReadings,
  type TemperatureReading,
  type TemperatureRule,
} from './parametric-triggers';

jest.setTimeout(30_000);

/** A chilled-cargo trigger: 2.0–8.0 °C, paying after 30 minutes outside. */
const chilled: TemperatureRule = {
  kind: 'TEMPERATURE',
  minCelsiusTenths: 20,
  maxCelsiusTenths: 80,
  minDurationMinutes: 30,
};

const T0 = Date.UTC(2024, 5, 1, 10, 0);
const at = (minute: number): Date => new Date(T0 + minute * 60_000);

/** Readings every `step` minutes from minute 0, one event each. */
function series(values: number[], step = 10): TemperatureReading[] {
  return values.map((celsiusTenths, i) => ({
    time: at(i * step),
    celsiusTenths,
    eventId: `ev-${i}`,
  }));
}

describe('temperature excursions', () => {
  it('fires once the excursion has lasted the minimum duration, with its evidence', () => {
    const excursion = detectExcursion(series([50, 85, 91, 88, 86, 60]), chilled);
    expect(excursion).toEqual({
      start: at(10),
      end: at(40),
      firedAt: at(40),
      durationMinutes: 30,
      extremeCelsiusTenths: 91,
      eventIds: ['ev-1', 'ev-2', 'ev-3', 'ev-4'],
      ongoing: false,
    });
  });

  it('does not fire one minute short', () => {
    const readings = series([50, 85, 60]).concat({ time: at(39), celsiusTenths: 90, eventId: 'x' });
    const short = [
      { time: at(0), celsiusTenths: 90, eventId: 'a' },
      { time: at(29), celsiusTenths: 90, eventId: 'b' },
      { time: at(30), celsiusTenths: 50, eventId: 'c' },
    ];
    expect(detectExcursion(short, chilled)).toBeUndefined();
    expect(detectExcursion(readings, chilled)).toBeUndefined();
  });

  it('a reading back in range ends the excursion', () => {
    expect(detectExcursion(series([85, 85, 85, 50, 85, 85, 85]), chilled)).toBeUndefined();
  });

  it('counts values on the limits as in range', () => {
    expect(detectExcursion(series([80, 80, 20, 20, 80]), chilled)).toBeUndefined();
  });

  it('detects excursions below the minimum, extreme being the coldest', () => {
    const excursion = detectExcursion(series([50, 10, -5, 3, 15, 50]), chilled);
    expect(excursion).toMatchObject({ extremeCelsiusTenths: -5, durationMinutes: 30 });
  });

  it('counts a gap as excursion only when both ends are out of range', () => {
    const gapOut = [
      { time: at(0), celsiusTenths: 95, eventId: 'a' },
      { time: at(90), celsiusTenths: 95, eventId: 'b' },
    ];
    expect(detectExcursion(gapOut, chilled)).toMatchObject({ durationMinutes: 90, ongoing: true });
    const gapIn = [
      { time: at(0), celsiusTenths: 95, eventId: 'a' },
      { time: at(90), celsiusTenths: 50, eventId: 'b' },
    ];
    expect(detectExcursion(gapIn, chilled)).toBeUndefined();
  });

  it('with a zero duration, one reading out of range fires', () => {
    const instant = { ...chilled, minDurationMinutes: 0 };
    expect(detectExcursion(series([50, 81, 50]), instant)).toMatchObject({
      start: at(10),
      end: at(10),
      durationMinutes: 0,
    });
  });

  it('treats an instant as out of range when any sensor reading at it is', () => {
    const twoSensors = [
      ...series([85, 85, 85, 85]),
      { time: at(20), celsiusTenths: 50, eventId: 'other-sensor' },
    ];
    expect(detectExcursion(twoSensors, chilled)?.eventIds).toEqual([
      'ev-0',
      'ev-1',
      'ev-2',
      'ev-3',
    ]);
  });

  it('lists every excursion long enough, and reports the first', () => {
    const readings = series([90, 90, 90, 90, 50, 0, 0, 0, 0, 0]);
    expect(detectExcursions(readings, chilled).map((e) => e.start)).toEqual([at(0), at(50)]);
    expect(detectExcursion(readings, chilled)?.start).toEqual(at(0));
  });

  it('refuses triggers that make no sense', () => {
    const bad = [
      { ...chilled, minCelsiusTenths: 90 },
      { ...chilled, minDurationMinutes: -1 },
      { ...chilled, maxCelsiusTenths: 80.5 },
    ];
    for (const trigger of bad) expect(() => detectExcursion([], trigger)).toThrow(TriggerError);
    expect(() => new TemperatureExcursionDetector(bad[0])).toThrow(TriggerError);
  });

  const reading = fc.record({
    time: fc.integer({ min: 0, max: 24 * 60 }).map((m) => at(m)),
    celsiusTenths: fc.integer({ min: -50, max: 150 }),
    eventId: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
  });

  /** Readings, and the same readings redelivered some more times, in a shuffled order. */
  const arrivals = fc
    .array(reading, { minLength: 1, maxLength: 40 })
    .chain((readings) =>
      fc.tuple(fc.constant(readings), fc.array(fc.constantFrom(...readings), { maxLength: 20 })),
    )
    .chain(([readings, again]) =>
      fc.tuple(
        fc.constant(readings),
        fc.shuffledSubarray([...readings, ...again], { minLength: readings.length + again.length }),
      ),
    );

  it('gives the same answer whatever the order and however often readings are redelivered', () => {
    fc.assert(
      fc.property(arrivals, ([readings, arrived]) => {
        expect(detectExcursions(arrived, chilled)).toEqual(detectExcursions(readings, chilled));
      }),
    );
  });

  it('evidence is out of range, lasts at least the minimum, and starts no later than it fires', () => {
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 40 }), (readings) => {
        for (const e of detectExcursions(readings, chilled)) {
          expect(e.durationMinutes).toBeGreaterThanOrEqual(chilled.minDurationMinutes);
          expect(e.start <= e.firedAt && e.firedAt <= e.end).toBe(true);
          const out = (r: TemperatureReading): boolean =>
            r.celsiusTenths < 20 || r.celsiusTenths > 80;
          const inWindow = readings.filter((r) => r.time >= e.start && r.time <= e.end);
          expect(
            inWindow
              .filter(out)
              .map((r) => r.eventId)
              .sort(),
          ).toEqual(expect.arrayContaining([...e.eventIds].sort()));
          expect(out({ ...readings[0], celsiusTenths: e.extremeCelsiusTenths })).toBe(true);
        }
      }),
    );
  });

  it('normalising is idempotent', () => {
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 30 }), (readings) => {
        const once = normaliseReadings(readings);
        expect(normaliseReadings([...once, ...once])).toEqual(once);
      }),
    );
  });

  it('the detector fed out of order, with repeats, fires as the pure function does', () => {
    const readings = series([50, 85, 91, 88, 86, 60]);
    const detector = new TemperatureExcursionDetector(chilled);
    const results = [5, 3, 1, 3, 0, 4, 2].map((i) => detector.feed(readings[i]));
    // Minutes 10 and 30 out, nothing known between: the gap counts; minute 40 makes it 30.
    expect(results.map((r) => r?.durationMinutes)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      30,
      30,
    ]);
    expect(results[6]).toEqual(detectExcursion(readings, chilled));
    expect(results[5]?.eventIds).toEqual(['ev-1', 'ev-3', 'ev-4']);
  });

  it('a late reading back in range inside the gap withdraws a firing', () => {
    const detector = new TemperatureExcursionDetector(chilled);
    expect(detector.feed(...series([90, 90, 90, 90]).filter((_, i) => i !== 2))).toBeDefined();
    expect(detector.feed({ time: at(20), celsiusTenths: 50, eventId: 'late' })).toBeUndefined();
  });

  it('rejects readings without a time or a whole number of tenths', () => {
    expect(() =>
      normaliseReadings([{ time: new Date('x'), celsiusTenths: 1, eventId: 'e' }]),
    ).toThrow(TriggerError);
    expect(() => normaliseReadings([{ time: at(0), celsiusTenths: 1.5, eventId: 'e' }])).toThrow(
      TriggerError,
    );
  });
});

describe('late arrival', () => {
  const trigger = { kind: 'LATE_ARRIVAL', etaDate: '2024-05-10', graceDays: 2 } as const;

  it.each([
    ['2024-05-01T08:00:00+08:00', false, 0],
    ['2024-05-12T23:59:00+08:00', false, 0],
    ['2024-05-13T00:01:00+08:00', true, 1],
    ['2024-05-20', true, 8],
  ])('arriving %s: fired %s, %i days late', (arrival, fired, daysLate) => {
    expect(lateArrival(trigger, arrival)).toEqual({ fired, daysLate, latestOnTime: '2024-05-12' });
  });

  it('without grace, the day after the ETA is late', () => {
    expect(lateArrival({ ...trigger, graceDays: 0 }, new Date(Date.UTC(2024, 4, 11))).fired).toBe(
      true,
    );
  });

  it('refuses negative or fractional grace', () => {
    expect(() => lateArrival({ ...trigger, graceDays: -1 }, '2024-05-10')).toThrow(TriggerError);
    expect(() => lateArrival({ ...trigger, graceDays: 1.5 }, '2024-05-10')).toThrow(TriggerError);
  });
});
