import { PollingLoop } from './polling-loop';
import { RetryBackoff } from './retry-backoff';

describe('PollingLoop', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A loop backing off from 100 ms to 400 ms, without jitter. */
  function loopOf(round: () => Promise<number>) {
    const onError = jest.fn<void, [unknown, number]>();
    const backoff = new RetryBackoff(100, 400, () => 1);
    return { loop: new PollingLoop({ round, backoff, onError }), onError };
  }

  /** A round that stays in progress until the test settles it. */
  function pendingRound() {
    const settle: { resolve?: (wait: number) => void; reject?: (error: Error) => void } = {};
    const round = jest.fn(
      () =>
        new Promise<number>((resolve, reject) => {
          settle.resolve = resolve;
          settle.reject = reject;
        }),
    );
    return { round, settle };
  }

  it('runs the next round once the wait the last one asked for has passed', async () => {
    const round = jest.fn(() => Promise.resolve(1000));
    const { loop } = loopOf(round);
    loop.start();
    await jest.advanceTimersByTimeAsync(999);
    expect(round).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(round).toHaveBeenCalledTimes(2);
    await loop.stop();
  });

  it('goes on at once after a round that asks for no wait', async () => {
    const waits = [0, 0];
    const round = jest.fn(() => Promise.resolve(waits.shift() ?? 1000));
    const { loop } = loopOf(round);
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(round).toHaveBeenCalledTimes(3);
    await loop.stop();
  });

  it('backs off after failed rounds up to the maximum, and from the start again after a success', async () => {
    const failure = new Error('database unavailable');
    const outcomes = [failure, failure, failure, failure, 1000, failure];
    const round = jest.fn(() => {
      const next = outcomes.shift() ?? 1000;
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    });
    const { loop, onError } = loopOf(round);
    loop.start();
    // Rounds at 0, 100, 300, 700, 1100 (succeeds, asks for 1000) and 2100.
    await jest.advanceTimersByTimeAsync(2100);
    expect(round).toHaveBeenCalledTimes(6);
    expect(onError.mock.calls).toEqual([
      [failure, 100],
      [failure, 200],
      [failure, 400],
      [failure, 400],
      [failure, 100],
    ]);
    await loop.stop();
  });

  it('lets the round in progress finish when stopped, and starts no other', async () => {
    const { round, settle } = pendingRound();
    const { loop } = loopOf(round);
    loop.start();
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    expect(loop.running).toBe(false);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(stopped).toBe(false);
    settle.resolve?.(0);
    await stopping;
    expect(round).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('cuts the wait short when stopped', async () => {
    const round = jest.fn(() => Promise.resolve(60_000));
    const { loop } = loopOf(round);
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    await loop.stop();
    expect(round).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('tells of a round that fails while stopping, and ends without waiting', async () => {
    const { round, settle } = pendingRound();
    const { loop, onError } = loopOf(round);
    loop.start();
    const stopping = loop.stop();
    const closed = new Error('stream closed');
    settle.reject?.(closed);
    await stopping;
    expect(onError).toHaveBeenCalledWith(closed, 100);
    expect(round).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('starts only once', async () => {
    const { loop } = loopOf(() => Promise.resolve(1000));
    loop.start();
    expect(() => loop.start()).toThrow('starts only once');
    await loop.stop();
  });
});
