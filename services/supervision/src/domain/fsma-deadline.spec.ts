import { DeadlineError, answerStanding, isFlagged, responseDeadline } from './fsma-deadline';

const REQUESTED = new Date('2026-12-05T08:00:00Z');

describe('the FSMA 204 response deadline', () => {
  it('is 24 hours after the request unless the regulator asks sooner', () => {
    expect(responseDeadline(REQUESTED).toISOString()).toBe('2026-12-06T08:00:00.000Z');
    const sooner = new Date('2026-12-05T12:00:00Z');
    expect(responseDeadline(REQUESTED, sooner)).toEqual(sooner);
  });

  it('refuses a respondBy before the request or beyond 24 hours', () => {
    expect(() => responseDeadline(REQUESTED, REQUESTED)).toThrow(DeadlineError);
    expect(() => responseDeadline(REQUESTED, new Date('2026-12-06T08:00:01Z'))).toThrow(/24 hours/);
  });

  it('tells answers in time from late ones, and awaited ones from overdue ones', () => {
    const deadline = new Date('2026-12-05T12:00:00Z');
    const after = new Date('2026-12-05T12:00:01Z');
    expect(answerStanding(deadline, deadline, after)).toBe('ANSWERED_ON_TIME');
    expect(answerStanding(deadline, after, after)).toBe('ANSWERED_LATE');
    expect(answerStanding(deadline, null, deadline)).toBe('AWAITING');
    expect(answerStanding(deadline, null, after)).toBe('OVERDUE');
    expect(
      ['AWAITING', 'OVERDUE', 'ANSWERED_ON_TIME', 'ANSWERED_LATE'].filter((s) =>
        isFlagged(s as never),
      ),
    ).toEqual(['OVERDUE', 'ANSWERED_LATE']);
  });
});
