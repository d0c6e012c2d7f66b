/** How long a subscription's delivery waits before it is tried again. */
export interface DeliveryRetryPolicy {
  initialMs: number;
  maxMs: number;
}

/**
 * Exponential back-off with full jitter after the `attempt`-th failure
 * (1-based): the ceiling doubles from initialMs to maxMs, and a delivery is
 * retried for as long as its subscription exists (at-least-once).
 */
export function retryDelayMs(
  attempt: number,
  policy: DeliveryRetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 40);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.max(policy.initialMs, Math.round(ceiling * random()));
}
