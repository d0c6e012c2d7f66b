import { RetryBackoff } from './retry-backoff';

export interface PollingLoopOptions {
  /** One round of work; resolves to how long to wait before the next round, in ms (0: at once). */
  round: () => Promise<number>;
  /** How long to wait after a round that failed; reset by every round that succeeds. */
  backoff: RetryBackoff;
  /** Told of every failed round and of the wait before the next one, to log them. */
  onError: (error: unknown, retryInMs: number) => void;
}

/**
 * Runs a round of work again and again until stopped, waiting between rounds
 * as each round asks and backing off after a failed one. Stopping lets the
 * round in progress finish, cuts the wait short and starts no other round.
 */
export class PollingLoop {
  private active = false;
  private done?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly options: PollingLoopOptions) {}

  /** False once stop() is called: a long round looks at it between its pieces of work. */
  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.done !== undefined) throw new Error('a polling loop starts only once');
    this.active = true;
    this.done = this.run();
  }

  /** Resolves when the round in progress, if any, has finished and the loop has ended. */
  async stop(): Promise<void> {
    this.active = false;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    while (this.active) {
      let delay: number;
      try {
        delay = await this.options.round();
        this.options.backoff.reset();
      } catch (error) {
        delay = this.options.backoff.next();
        this.options.onError(error, delay);
      }
      if (delay > 0 && this.active) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
