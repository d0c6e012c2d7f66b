import { retryDelayMs } from './delivery-retry';

describe('the retry delay of a failed delivery', () => {
  const policy = { initialMs: 1000, maxMs: 60_000 };

  it('doubles its ceiling with each failure, up to the maximum', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(attempt, policy, () => 1)),
    ).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('is jittered below the ceiling but never under the initial delay', () => {
    expect(retryDelayMs(5, policy, () => 0.5)).toBe(8000);
    expect(retryDelayMs(5, policy, () => 0)).toBe(1000);
    expect(retryDelayMs(10_000, policy, () => 1)).toBe(60_000);
  });
});
