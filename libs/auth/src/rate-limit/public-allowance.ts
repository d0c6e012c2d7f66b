import { Injectable } from '@nestjs/common';
import { normalizeIp } from '@nestjs/throttler';
import { FixedWindowCounts } from './fixed-window-counts';
import { RateLimitConfig } from './rate-limit.config';

/** The throttler whose allowance every @PublicRoute route shares. */
export const PUBLIC_THROTTLER = 'public';

/** Who a public request counts against: the TCP peer, or what a trusted proxy says. */
export const clientOf = (request: { ip: string }): string => `client ${normalizeIp(request.ip)}`;

/** The counter a throttler keeps for a tracker: one per client (or party), not one per route. */
export const allowanceKey = (throttler: string, tracker: string): string =>
  `${throttler} ${tracker}`;

/**
 * The public allowance of one client, for requests answered before Nest's
 * guards run (decision 0030): the same counter RateLimitModule's guard
 * spends on @PublicRoute routes, so a client has one allowance however its
 * requests are answered. A request it refuses goes on to the route, whose
 * guard answers the 429 problem.
 */
@Injectable()
export class PublicAllowance {
  constructor(
    private readonly counts: FixedWindowCounts,
    private readonly config: RateLimitConfig,
  ) {}

  /** Spends one request of the client's allowance; false when none was left. */
  spend(request: { ip: string }): boolean {
    const key = allowanceKey(PUBLIC_THROTTLER, clientOf(request));
    const { RATE_LIMIT_WINDOW_SECONDS: seconds, RATE_LIMIT_PUBLIC_REQUESTS: limit } = this.config;
    return !this.counts.count(key, seconds * 1000, limit).isBlocked;
  }
}
