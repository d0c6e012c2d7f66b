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

/** How often and how much one loop relays. */
interface RelayPace {
  /** How long to wait before looking again when the outbox has less than a batch. */
  pollIntervalMs: number;
  batchSize: number;
}

/** A topic relayed by a loop of its own. */
export interface OutboxLane extends RelayPace {
  topic: string;
}

export interface OutboxRelayOptions extends RelayPace {
  /**
   * Topics whose messages must not wait behind a backlog of other topics
   * (docs/decisions/0046). Each is relayed in order by a loop of its own; the
   * main loop relays every other topic.
   */
  lanes?: OutboxLane[];
}

interface PendingRow {
  sequence: string;
  topic: string;
  message_key: string;
  event: CloudEvent;
}

/**
 * Publishes unpublished outbox rows in order and marks them sent. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so lanes and replicas relaying at once
 * never send a row twice in the normal case; a crash between publish and
 * commit re-sends, which consumers absorb (they de-duplicate on the event id).
 * Order holds within a topic, which is all a consumer can see: Kafka orders
 * records per partition, never across topics.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly loops: PollingLoop[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    @Inject(OUTBOX_RELAY_OPTIONS) private readonly options: OutboxRelayOptions,
  ) {
    const lanes = options.lanes ?? [];
    this.loops = [
      this.loop('main', options, () => this.relayOnce()),
      ...lanes.map((lane) => this.loop(lane.topic, lane, () => this.relayLaneOnce(lane))),
    ];
  }

  onApplicationBootstrap(): void {
    for (const loop of this.loops) loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }

  /** Publishes one batch of the topics no lane has; returns how many rows it sent. */
  relayOnce(): Promise<number> {
    return this.relay(
      `topic <> ALL($2::text[])`,
      (this.options.lanes ?? []).map((lane) => lane.topic),
      this.options.batchSize,
    );
  }

  /** Publishes one batch of a lane's topic; returns how many rows it sent. */
  relayLaneOnce(lane: OutboxLane): Promise<number> {
    return this.relay(`topic = $2`, lane.topic, lane.batchSize);
  }

  private loop(name: string, pace: RelayPace, relayBatch: () => Promise<number>): PollingLoop {
    return new PollingLoop({
      // A full batch suggests more are waiting: relay again at once.
      round: async () => ((await relayBatch()) === pace.batchSize ? 0 : pace.pollIntervalMs),
      backoff: new RetryBackoff(200, 30_000),
      onError: (error, retryInMs) =>
        this.logger.warn({ err: error, lane: name, retryInMs }, 'outbox relay could not publish'),
    });
  }

  /** One batch of the rows whose topic matches `topicFilter`, a condition on $2 = `topicParam`. */
  private relay(
    topicFilter: string,
    topicParam: string | string[],
    batchSize: number,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT sequence, topic, message_key, event FROM outbox_message
          WHERE published_at IS NULL AND ${topicFilter}
          ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize, topicParam],
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
