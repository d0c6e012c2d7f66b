/** Waits `ms` milliseconds: the pause between the steps of an outage or a poll. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
