import { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  endsAt: number;
}

/** Clients remembered at most; beyond it, those whose window ended first go first. */
const MAX_TRACKED = 100_000;

/**
 * Requests counted per key in fixed windows: one number per client, O(1) a
 * request. The throttler's own storage keeps one timestamp per request and
 * filters them all on each request, which costs more than the request itself
 * at the rates the tests and benchmarks run. A client over the limit is
 * refused until its window ends.
 */
export class FixedWindowCounts implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  increment(key: string, ttl: number, limit: number): ReturnType<ThrottlerStorage['increment']> {
    return Promise.resolve(this.count(key, ttl, limit));
  }

  /** One more request of `key`: what increment answers, without the promise (PublicAllowance). */
  count(
    key: string,
    ttl: number,
    limit: number,
  ): Awaited<ReturnType<ThrottlerStorage['increment']>> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (window === undefined || window.endsAt <= now) {
      // Re-inserted, so the map stays ordered by when windows end.
      this.windows.delete(key);
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, window);
      this.forgetEnded(now);
    }
    window.hits++;
    const secondsLeft = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    const isBlocked = window.hits > limit;
    return {
      totalHits: window.hits,
      timeToExpire: secondsLeft,
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsLeft : 0,
    };
  }

  private forgetEnded(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt > now && this.windows.size <= MAX_TRACKED) break;
      this.windows.delete(key);
    }
  }
}
