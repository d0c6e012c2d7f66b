import { timeBars, type TimeBarFacts } from './time-bars';

const notApparent = (deliveredAt: string): TimeBarFacts => ({
  deliveredAt,
  damageApparent: false,
  extensions: [],
});

function clockOf(facts: TimeBarFacts, now: string | Date, name: string) {
  const found = timeBars(facts, now).find((c) => c.name === name);
  if (found === undefined) throw new Error(`no ${name} clock`);
  return found;
}

describe('time bars', () => {
  describe('notice of loss', () => {
    it.each([
      ['2024-03-01', 3, 'OPEN'],
      ['2024-03-02', 2, 'OPEN'],
      ['2024-03-03', 1, 'WARNING'],
      ['2024-03-04', 0, 'WARNING'],
      ['2024-03-05', -1, 'EXPIRED'],
    ])(
      'damage not apparent, delivered 1 March, on %s: %i days left, %s',
      (now, daysLeft, state) => {
        expect(clockOf(notApparent('2024-03-01'), now, 'NOTICE_OF_LOSS')).toMatchObject({
          deadline: '2024-03-04',
          daysLeft,
          state,
        });
      },
    );

    it('damage apparent: due on the day of delivery itself', () => {
      const facts = { deliveredAt: '2024-03-01', damageApparent: true, extensions: [] };
      expect(clockOf(facts, '2024-03-01', 'NOTICE_OF_LOSS')).toMatchObject({
        deadline: '2024-03-01',
        daysLeft: 0,
        state: 'WARNING',
      });
      expect(clockOf(facts, '2024-03-02', 'NOTICE_OF_LOSS').state).toBe('EXPIRED');
    });

    it.each([
      ['2024-02-27', '2024-03-01'],
      ['2023-02-27', '2023-03-02'],
      ['2024-12-30', '2025-01-02'],
    ])('three days from %s run to %s across month ends and leap days', (delivered, deadline) => {
      expect(clockOf(notApparent(delivered), delivered, 'NOTICE_OF_LOSS').deadline).toBe(deadline);
    });

    it('counts from the local date of a delivery written with its offset', () => {
      const facts = notApparent('2024-03-01T23:30:00-05:00');
      expect(clockOf(facts, '2024-03-04T23:59:00-05:00', 'NOTICE_OF_LOSS')).toMatchObject({
        deadline: '2024-03-04',
        daysLeft: 0,
      });
    });

    it('takes a Date as its UTC day', () => {
      const now = new Date(Date.UTC(2024, 2, 4, 23, 59));
      expect(clockOf(notApparent('2024-03-01'), now, 'NOTICE_OF_LOSS').daysLeft).toBe(0);
    });
  });

  describe('suit against the carrier', () => {
    it.each([
      ['2024-12-10', 31, 'OPEN'],
      ['2024-12-11', 30, 'WARNING'],
      ['2025-01-10', 0, 'WARNING'],
      ['2025-01-11', -1, 'EXPIRED'],
    ])('delivered 10 January 2024, on %s: %i days left, %s', (now, daysLeft, state) => {
      expect(clockOf(notApparent('2024-01-10'), now, 'SUIT_AGAINST_CARRIER')).toMatchObject({
        deadline: '2025-01-10',
        daysLeft,
        state,
        basis: 'Hague-Visby Rules art. III r.6: one year from delivery',
      });
    });

    it.each([
      ['2024-02-29', '2025-02-28'],
      ['2023-02-28', '2024-02-28'],
      ['2023-03-01', '2024-03-01'],
      ['2027-02-28', '2028-02-28'],
    ])('one year from %s ends on %s', (delivered, deadline) => {
      expect(clockOf(notApparent(delivered), delivered, 'SUIT_AGAINST_CARRIER').deadline).toBe(
        deadline,
      );
    });

    it('runs from the due date when the goods were never delivered, with no notice clock', () => {
      const clocks = timeBars(
        { expectedDeliveryAt: '2024-05-20', damageApparent: false, extensions: [] },
        '2024-06-01',
      );
      expect(clocks).toEqual([
        {
          name: 'SUIT_AGAINST_CARRIER',
          deadline: '2025-05-20',
          daysLeft: 353,
          state: 'OPEN',
          basis: 'Hague-Visby Rules art. III r.6: one year from due delivery',
        },
      ]);
    });

    it('prefers actual delivery to the due date', () => {
      const facts = { ...notApparent('2024-06-02'), expectedDeliveryAt: '2024-05-20' };
      expect(clockOf(facts, '2024-06-02', 'SUIT_AGAINST_CARRIER').deadline).toBe('2025-06-02');
    });

    it('the latest agreed extension wins, in whatever order they were recorded', () => {
      const facts = {
        ...notApparent('2024-01-10'),
        extensions: [{ until: '2025-04-10' }, { until: '2025-07-10' }, { until: '2025-03-10' }],
      };
      expect(clockOf(facts, '2025-02-01', 'SUIT_AGAINST_CARRIER')).toMatchObject({
        deadline: '2025-07-10',
        daysLeft: 159,
        state: 'OPEN',
        basis: 'Hague-Visby Rules art. III r.6: one year, extended by agreement',
      });
    });

    it('an extension ending before the one-year date does not shorten it', () => {
      const facts = { ...notApparent('2024-01-10'), extensions: [{ until: '2024-06-30' }] };
      expect(clockOf(facts, '2024-07-01', 'SUIT_AGAINST_CARRIER').deadline).toBe('2025-01-10');
    });

    it('an extension reopens a clock that had run out without it', () => {
      const facts = { ...notApparent('2024-01-10'), extensions: [{ until: '2025-02-28' }] };
      expect(clockOf(facts, '2025-01-20', 'SUIT_AGAINST_CARRIER')).toMatchObject({
        daysLeft: 39,
        state: 'OPEN',
      });
    });
  });

  it('honours configured warning windows', () => {
    const clocks = timeBars(notApparent('2024-01-10'), '2024-01-11', {
      noticeWarningDays: 2,
      suitWarningDays: 400,
    });
    expect(clocks.map((c) => [c.name, c.daysLeft, c.state])).toEqual([
      ['NOTICE_OF_LOSS', 2, 'WARNING'],
      ['SUIT_AGAINST_CARRIER', 365, 'WARNING'],
    ]);
  });

  it('has no clocks before any date is known', () => {
    expect(timeBars({ damageApparent: false, extensions: [] }, '2024-01-01')).toEqual([]);
  });

  it('rejects dates that are not on the calendar', () => {
    expect(() => timeBars(notApparent('2023-02-29'), '2024-01-01')).toThrow(/not a day/);
    expect(() => timeBars(notApparent('01/03/2024'), '2024-01-01')).toThrow(/ISO 8601/);
  });
});
