import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Metrics, Reading } from '@pujiang/observability';
import { BriefCache } from '@pujiang/polling';
import { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ConsumerGroups } from './inbox/consumer-groups';
import { withTimeout } from './with-timeout';

/** A scrape must answer within Prometheus' timeout even when Kafka or PostgreSQL does not. */
const READ_TIMEOUT_MS = 3000;

interface OutboxState {
  backlog: number;
  oldest_age_seconds: number;
}

/**
 * Messaging as an operator watches it, read at each scrape from where it
 * is true: the outbox table (backlog, oldest unpublished message), the
 * consumer groups' committed offsets against the topics' ends (lag), and the
 * dead-letter topics' sizes (parked messages; they keep records for ever).
 */
@Injectable()
export class MessagingMetrics implements OnModuleInit, OnApplicationShutdown {
  private readonly admin: Admin;
  private connected?: Promise<void>;
  /** One outbox query serves both outbox gauges of a scrape. */
  private readonly outbox = new BriefCache<OutboxState>(1000, 1);

  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
    private readonly groups: ConsumerGroups,
    kafka: Kafka,
  ) {
    this.admin = kafka.admin({ retry: { retries: 0 } });
  }

  onModuleInit(): void {
    this.metrics.readOnScrape({
      name: 'pujiang_outbox_backlog',
      help: 'Outbox messages not yet published to Kafka',
      labelNames: [],
      read: async () => [{ labels: {}, value: (await this.outboxState()).backlog }],
    });
    this.metrics.readOnScrape({
      name: 'pujiang_outbox_oldest_age_seconds',
      help: 'Age of the oldest outbox message not yet published (0 when none waits)',
      labelNames: [],
      read: async () => [{ labels: {}, value: (await this.outboxState()).oldest_age_seconds }],
    });
    this.metrics.readOnScrape({
      name: 'pujiang_kafka_consumer_lag',
      help: 'Messages on the topic not yet committed by the consumer group',
      labelNames: ['group', 'topic'],
      read: () => withTimeout(this.lag(), READ_TIMEOUT_MS),
    });
    this.metrics.readOnScrape({
      name: 'pujiang_dlq_messages',
      help: 'Messages parked on the dead-letter topic of a topic this service consumes',
      labelNames: ['topic'],
      read: () => withTimeout(this.parked(), READ_TIMEOUT_MS),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected !== undefined) await this.admin.disconnect();
  }

  private outboxState(): Promise<OutboxState> {
    return this.outbox.get('outbox', async () => {
      const [state] = await withTimeout<OutboxState[]>(
        this.dataSource.query(
          `SELECT count(*)::int AS backlog,
                  coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8
                    AS oldest_age_seconds
             FROM outbox_message WHERE published_at IS NULL`,
        ),
        READ_TIMEOUT_MS,
      );
      return state ?? { backlog: 0, oldest_age_seconds: 0 };
    });
  }

  private async lag(): Promise<Reading<'group' | 'topic'>[]> {
    const admin = await this.connectedAdmin();
    return Promise.all(
      this.groups.list().map(async ({ groupId, topic }) => {
        const [ends, [committed]] = await Promise.all([
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId, topics: [topic] }),
        ]);
        const done = new Map(committed?.partitions.map((p) => [p.partition, Number(p.offset)]));
        // A partition the group never committed on is behind by all it holds.
        const behind = ends.map(({ partition, high, low }) => {
          const offset = done.get(partition) ?? -1;
          return Number(high) - (offset >= 0 ? offset : Number(low));
        });
        return {
          labels: { group: groupId, topic },
          value: behind.reduce((sum, n) => sum + Math.max(0, n), 0),
        };
      }),
    );
  }

  private async parked(): Promise<Reading<'topic'>[]> {
    const admin = await this.connectedAdmin();
    const topics = [...new Set(this.groups.list().map((consumed) => consumed.deadLetterTopic))];
    return Promise.all(
      topics.map(async (topic) => {
        const offsets = await admin.fetchTopicOffsets(topic);
        const held = offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
        return { labels: { topic }, value: held };
      }),
    );
  }

  private async connectedAdmin(): Promise<Admin> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    return this.admin;
  }
}
