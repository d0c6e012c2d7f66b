/** A claim as its insurer announced it: status and the deadlines of its legal clocks. */
export interface FollowedClaim {
  claimId: string;
  insurerMsp: string;
  status: string;
  timeBars: readonly { name: string; deadline: string }[];
}

export interface ClaimPastTimeBar {
  claimId: string;
  insurerMsp: string;
  status: string;
  clock: string;
  deadline: string;
  daysPast: number;
}

/** Statuses in which a claim needs nothing more done: a passed clock no longer matters. */
const SETTLED = new Set(['PAID', 'RECOVERED', 'TIME_BARRED', 'REJECTED', 'WITHDRAWN', 'CLOSED']);

const DAY_MS = 24 * 3600 * 1000;

/**
 * Claims still open after the last day of one of their clocks (the deadline
 * is a calendar day, still in time on that day): the notice or suit was not
 * given in time, and the claim was neither closed nor marked time-barred.
 */
export function claimsPastTimeBar(claims: readonly FollowedClaim[], now: Date): ClaimPastTimeBar[] {
  const today = now.toISOString().slice(0, 10);
  return claims.flatMap((claim) =>
    SETTLED.has(claim.status)
      ? []
      : claim.timeBars
          .filter((clock) => clock.deadline < today)
          .map((clock) => ({
            claimId: claim.claimId,
            insurerMsp: claim.insurerMsp,
            status: claim.status,
            clock: clock.name,
            deadline: clock.deadline,
            daysPast: Math.round((Date.parse(today) - Date.parse(clock.deadline)) / DAY_MS),
          })),
  );
}
