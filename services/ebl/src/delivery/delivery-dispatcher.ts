import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { PollingLoop, RetryBackoff } from '@pujiang/polling';
import { DataSource } from 'typeorm';

/** What a handler says about one attempt. */
export type DeliveryOutcome = 'delivered' | 'retry' | { refused: string };

export interface DeliveryHandler {
  kind: string;
  deliver(payload: Record<string, unknown>): Promise<DeliveryOutcome>;
}

const POLL_MS = 250;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Makes the owed calls, each replica taking different rows (SKIP LOCKED), and
 * retries with exponential back-off until the counterpart answers: a carrier
 * or platform that is down for a day still gets every message afterwards. A
 * counterpart's definite refusal (4xx) ends the retries and is kept as
 * last_error for operators.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryDispatcher.name);
  private readonly handlers = new Map<string, DeliveryHandler>();
  private readonly loop = new PollingLoop({
    // Rows were due: look again at once; none were: wait.
    round: async () => ((await this.dispatchDue()) === 0 ? POLL_MS : 0),
    // A failed dispatch waits one poll too, without growing: each row keeps its own back-off.
    backoff: new RetryBackoff(POLL_MS, POLL_MS),
    onError: (error) => this.logger.warn({ err: error }, 'delivery dispatch failed; will retry'),
  });

  constructor(private readonly dataSource: DataSource) {}

  register(handler: DeliveryHandler): void {
    this.handlers.set(handler.kind, handler);
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Attempts every due delivery once; returns how many were attempted. */
  async dispatchDue(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: {
        id: string;
        kind: string;
        payload: Record<string, unknown>;
        attempts: number;
      }[] = await manager.query(
        `SELECT id, kind, payload, attempts FROM delivery
            WHERE delivered_at IS NULL AND next_attempt_at <= now()
            ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED`,
      );
      for (const row of due) {
        const outcome = await this.attempt(row.kind, row.payload);
        if (outcome === 'delivered' || typeof outcome === 'object') {
          const error = typeof outcome === 'object' ? outcome.refused : null;
          if (error !== null)
            this.logger.error({ id: row.id, kind: row.kind, error }, 'delivery refused');
          await manager.query(
            `UPDATE delivery SET delivered_at = now(), attempts = attempts + 1, last_error = $2 WHERE id = $1`,
            [row.id, error],
          );
        } else {
          const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(row.attempts, 20));
          await manager.query(
            `UPDATE delivery SET attempts = attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
              WHERE id = $1`,
            [row.id, delay],
          );
        }
      }
      return due.length;
    });
  }

  private async attempt(kind: string, payload: Record<string, unknown>): Promise<DeliveryOutcome> {
    const handler = this.handlers.get(kind);
    if (handler === undefined) return { refused: `no handler for delivery kind ${kind}` };
    try {
      return await handler.deliver(payload);
    } catch (error) {
      this.logger.warn({ err: error, kind }, 'delivery attempt failed; will retry');
      return 'retry';
    }
  }
}
