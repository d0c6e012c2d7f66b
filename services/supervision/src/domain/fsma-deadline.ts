/**
 * FSMA 204 (21 CFR 1.1455(c)(3)(ii)): records are due "within 24 hours after
 * the request is made by FDA or within some reasonable time to which FDA has
 * agreed". The regulator may ask sooner (`respondBy`), never later than 24 hours.
 */
export const FSMA_RESPONSE_HOURS = 24;

export type AnswerStanding = 'AWAITING' | 'OVERDUE' | 'ANSWERED_ON_TIME' | 'ANSWERED_LATE';

export class DeadlineError extends Error {}

/** When the answer to a request made at `requestedAt` is due. */
export function responseDeadline(requestedAt: Date, respondBy?: Date): Date {
  const latest = new Date(requestedAt.getTime() + FSMA_RESPONSE_HOURS * 3600 * 1000);
  if (respondBy === undefined) return latest;
  if (respondBy.getTime() <= requestedAt.getTime()) {
    throw new DeadlineError('respondBy must be after the time of the request');
  }
  if (respondBy.getTime() > latest.getTime()) {
    throw new DeadlineError(`respondBy must be within ${FSMA_RESPONSE_HOURS} hours of the request`);
  }
  return respondBy;
}

/** Where a request stands at `now`: answered in time or late, or still awaited before or past its deadline. */
export function answerStanding(deadline: Date, answeredAt: Date | null, now: Date): AnswerStanding {
  if (answeredAt !== null) {
    return answeredAt.getTime() <= deadline.getTime() ? 'ANSWERED_ON_TIME' : 'ANSWERED_LATE';
  }
  return now.getTime() > deadline.getTime() ? 'OVERDUE' : 'AWAITING';
}

/** Whether the standing is one the regulator must see flagged. */
export function isFlagged(standing: AnswerStanding): boolean {
  return standing === 'OVERDUE' || standing === 'ANSWERED_LATE';
}
