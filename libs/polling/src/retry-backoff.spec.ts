import { RetryBackoff } from './retry-backoff';

describe('RetryBackoff', () => {
  it('doubles the ceiling up to the maximum', () => {
    const backoff = new RetryBackoff(100, 1000, () => 1);
    expect([1, 2, 3, 4, 5].map(() => backoff.next())).toEqual([100, 200, 400, 800, 1000]);
  });

  it('never waits less than the initial delay, whatever the jitter', () => {
    const backoff = new RetryBackoff(100, 1000, () => 0);
    expect(backoff.next()).toBe(100);
    expect(backoff.next()).toBe(100);
  });

  it('starts again after a reset', () => {
    const backoff = new RetryBackoff(100, 1000, () => 1);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});
