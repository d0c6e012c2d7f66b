import { createRequire } from 'node:module';

/** The kafkajs release this correction was written against (its last, 2023). */
export const KAFKAJS_VERSION_CORRECTED = '2.2.4';

/** What the correction touches of kafkajs' per-connection request queue (not public API). */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: unknown;
  scheduleCheckPendingRequests: (this: RequestQueueInternals) => void;
}

const corrected = Symbol.for('pujiang.kafkajs.idleTimersStopped');
const load = createRequire(__filename);

/** kafkajs' RequestQueue class, as the Kafka client loads it. */
export function requestQueueClass(): { prototype: RequestQueueInternals } {
  return load('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
}

export function installedKafkajsVersion(): string {
  return (load('kafkajs/package.json') as { version: string }).version;
}

/**
 * Stops kafkajs from re-arming a timer every millisecond on every broker
 * connection once a response has come back, even with no request waiting
 * and no throttling (tulios/kafkajs#1704 and #1751, unfixed upstream; Node 24
 * reports it as TimeoutNegativeWarning). On this machine each idle connection
 * spent about 3 % of a core on it, and a service holds several
 * (docs/decisions/0048). The queue is still checked whenever a request is
 * queued, a response arrives or a throttle ends: the timer it skips had
 * nothing to do. Safe to call more than once.
 */
export function stopIdleRequestQueueTimers(): void {
  const prototype = requestQueueClass().prototype as RequestQueueInternals & {
    [corrected]?: true;
  };
  if (prototype[corrected]) return;
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function (this: RequestQueueInternals) {
    const idle = this.pending.length === 0 && this.throttledUntil - Date.now() <= 0;
    if (idle && !this.throttleCheckTimeoutId) return;
    schedule.call(this);
  };
  prototype[corrected] = true;
}
