import { CandidateEvent, parseErrorBehaviour, planCapture } from './capture-job';

const now = new Date('2026-11-25T12:00:00Z');
const hash = (n: number) => `ni:///sha-256;${n.toString(16).padStart(64, '0')}?ver=CBV2.0`;
const candidate = (index: number, h = index, eventTime = now): CandidateEvent => ({
  index,
  eventHash: hash(h),
  eventID: hash(h),
  eventTime,
});
const tomorrowAndABit = new Date(now.getTime() + 25 * 3600 * 1000);

describe('planCapture', () => {
  it('stores every new event', () => {
    expect(planCapture([candidate(0), candidate(1)], new Set(), 'rollback', now)).toEqual({
      store: [candidate(0), candidate(1)],
      duplicates: 0,
      errors: [],
      success: true,
    });
  });

  it('counts events already held, or repeated in the document, as duplicates', () => {
    const plan = planCapture(
      [candidate(0), candidate(1), candidate(2, 1)],
      new Set([hash(0)]),
      'rollback',
      now,
    );
    expect(plan.store.map((c) => c.index)).toEqual([1]);
    expect(plan.duplicates).toBe(2);
    expect(plan.success).toBe(true);
  });

  it('refuses an event dated more than a day ahead, pointing at its eventTime', () => {
    const plan = planCapture([candidate(0, 0, tomorrowAndABit)], new Set(), 'proceed', now);
    expect(plan.errors).toEqual([
      {
        eventIndex: 0,
        pointer: '/epcisBody/eventList/0/eventTime',
        detail: 'eventTime is more than 24 hours in the future',
      },
    ]);
  });

  it('stores nothing on any error under rollback, the valid rest under proceed', () => {
    const events = [candidate(0), candidate(1, 1, tomorrowAndABit), candidate(2)];
    expect(planCapture(events, new Set(), 'rollback', now)).toMatchObject({
      store: [],
      success: false,
    });
    const proceed = planCapture(events, new Set(), 'proceed', now);
    expect(proceed.store.map((c) => c.index)).toEqual([0, 2]);
    expect(proceed.success).toBe(false);
  });
});

describe('parseErrorBehaviour', () => {
  it.each([
    [undefined, 'rollback'],
    ['', 'rollback'],
    ['rollback', 'rollback'],
    ['Proceed', 'proceed'],
    ['skip', undefined],
  ])('%p → %p', (header, behaviour) => {
    expect(parseErrorBehaviour(header)).toBe(behaviour);
  });
});
