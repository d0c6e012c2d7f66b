import { claimsPastTimeBar } from './claim-time-bar';

const NOW = new Date('2026-12-05T12:00:00Z');
const claim = (status: string, deadline: string) => ({
  claimId: 'c1',
  insurerMsp: 'Org1MSP',
  status,
  timeBars: [{ name: 'SUIT_AGAINST_CARRIER', deadline }],
});

describe('claims past their time bars', () => {
  it('flags an open claim the day after its last day', () => {
    expect(claimsPastTimeBar([claim('UNDER_ASSESSMENT', '2026-12-03')], NOW)).toEqual([
      {
        claimId: 'c1',
        insurerMsp: 'Org1MSP',
        status: 'UNDER_ASSESSMENT',
        clock: 'SUIT_AGAINST_CARRIER',
        deadline: '2026-12-03',
        daysPast: 2,
      },
    ]);
  });

  it('does not flag a claim on its last day, nor a settled one', () => {
    expect(claimsPastTimeBar([claim('NOTIFIED', '2026-12-05')], NOW)).toEqual([]);
    expect(
      claimsPastTimeBar([claim('PAID', '2026-01-01'), claim('TIME_BARRED', '2026-01-01')], NOW),
    ).toEqual([]);
  });
});
