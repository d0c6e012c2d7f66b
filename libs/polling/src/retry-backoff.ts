/** Exponential backoff with full jitter, so retrying replicas do not move in step. */
export class RetryBackoff {
  private attempt = 0;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt += 1;
    return Math.max(this.initialMs, Math.round(ceiling * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
