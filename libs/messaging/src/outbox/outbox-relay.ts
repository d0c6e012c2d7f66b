import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { PollingLoop, RetryBackoff } from '@pujiang/polling';
import { DataSource } from 'typeorm';
import { CloudEvent } from '../cloud-event';
import { EventPublisher } from '../event-publisher';

export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');

export interface OutboxRelayOptions {
  /** How long to wait before looking again when the outbox is empty. */
  pollIntervalMs: number;
  batchSize: number;
}

interface PendingRow {
  sequence: string;
  topic: string;
  message_key: string;
  event: CloudEvent;
}

/**
 * Publishes unpublished outbox rows in order and marks them sent. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so several replicas can relay without
 * sending a row twice in the normal case; a crash between publish and commit
 * re-sends, which consumers absorb (they de-duplicate on the event id).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly loop = new PollingLoop({
    // A full batch suggests more are waiting: relay again at once.
    round: async () =>
      (await this.relayOnce()) === this.options.batchSize ? 0 : this.options.pollIntervalMs,
    backoff: new RetryBackoff(200, 30_000),
    onError: (error, retryInMs) =>
      this.logger.warn({ err: error, retryInMs }, 'outbox relay could not publish'),
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    @Inject(OUTBOX_RELAY_OPTIONS) private readonly options: OutboxRelayOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Publishes one batch; returns how many rows it sent. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT sequence, topic, message_key, event FROM outbox_message
          WHERE published_at IS NULL ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      await this.publisher.publish(
        rows.map((r) => ({ topic: r.topic, key: r.message_key, event: r.event })),
      );
      await manager.query(
        `UPDATE outbox_message SET published_at = now() WHERE sequence = ANY($1::bigint[])`,
        [rows.map((r) => r.sequence)],
      );
      return rows.length;
    });
  }
}
