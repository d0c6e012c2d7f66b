import {
  KAFKAJS_VERSION_CORRECTED,
  installedKafkajsVersion,
  requestQueueClass,
  stopIdleRequestQueueTimers,
} from './kafkajs-idle-timers';

type Queue = {
  pending: unknown[];
  canSendSocketRequestImmediately(): boolean;
  throttledUntil: number;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
};

const silent = { debug: () => undefined, namespace: () => silent };

/** A request queue of one broker connection, counting how often it looks at its pending requests. */
function countingQueue(): { queue: Queue; checks: () => number } {
  const RequestQueue = requestQueueClass() as unknown as new (options: object) => Queue;
  const queue = new RequestQueue({
    instrumentationEmitter: null,
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: 'localhost:9092',
    logger: silent,
    isConnected: () => true,
  });
  let checks = 0;
  const check = queue.checkPendingRequests.bind(queue);
  queue.checkPendingRequests = () => {
    checks++;
    check();
  };
  return { queue, checks: () => checks };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kafkajs request queue timers', () => {
  let warnings: (warning: Error) => void;
  beforeAll(() => {
    // kafkajs' own loop warns on Node 24 before the correction is installed.
    warnings = () => undefined;
    process.on('warning', warnings);
  });
  afterAll(() => process.off('warning', warnings));

  it('is written against the installed kafkajs: review it when kafkajs changes', () => {
    expect(installedKafkajsVersion()).toBe(KAFKAJS_VERSION_CORRECTED);
  });

  it('as released, re-checks an idle queue about every millisecond; corrected, never', async () => {
    const before = countingQueue();
    before.queue.scheduleCheckPendingRequests();
    await wait(100);
    const spun = before.checks();

    stopIdleRequestQueueTimers();
    await wait(20); // the loop started above runs out at its next turn
    const after = countingQueue();
    after.queue.scheduleCheckPendingRequests();
    await wait(100);

    expect(spun).toBeGreaterThan(20);
    expect(after.checks()).toBe(0);
  });

  it('still checks a queue while a request waits, and when a throttle ends', async () => {
    stopIdleRequestQueueTimers();
    const waiting = countingQueue();
    // As when as many requests as allowed are in flight: the next one waits in the queue.
    waiting.queue.canSendSocketRequestImmediately = () => false;
    waiting.queue.pending.push({});
    waiting.queue.scheduleCheckPendingRequests();
    await wait(50);
    expect(waiting.checks()).toBeGreaterThan(0);
    waiting.queue.pending.length = 0;

    const throttled = countingQueue();
    throttled.queue.throttledUntil = Date.now() + 20;
    throttled.queue.scheduleCheckPendingRequests();
    await wait(60);
    const atThrottleEnd = throttled.checks();
    await wait(50);
    expect(atThrottleEnd).toBeGreaterThan(0);
    expect(throttled.checks()).toBe(atThrottleEnd);
  });
});
