import { Injectable, Logger, BeforeApplicationShutdown } from '@nestjs/common';
import { RetryBackoff } from '@pujiang/polling';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { CloudEvent, MalformedCloudEventError, parseCloudEvent } from '../cloud-event';
import { EventPublisher } from '../event-publisher';
import { ConsumerGroups } from './consumer-groups';
import { PoisonMessageError } from './poison-message.error';

export interface Subscription<T extends object> {
  groupId: string;
  topic: string;
  /** Where poison messages go; usually `deadLetterTopic(topic)` from contracts. */
  deadLetterTopic: string;
  /** The class-validator class of the event's `data`. */
  dataClass: ClassConstructor<T>;
  /** Runs inside the transaction that also records the message as processed. */
  handle: (event: CloudEvent<T>, manager: EntityManager) => Promise<void>;
  /**
   * Optional fast path: the not-yet-processed events of a fetched batch at
   * once, with the same effect as `handle` on each. If it throws, the batch
   * is handled again one message at a time (which finds the poison one).
   */
  handleAll?: (events: CloudEvent<T>[], manager: EntityManager) => Promise<void>;
}

/**
 * Runs idempotent consumers for InboxTransport (services declare
 * `@InboxEventPattern` handlers; nothing else subscribes): each message is
 * handled at most once per group (processed-message table in the handler's
 * transaction), transient failures are retried in place with backoff
 * (keeping partition order), and poison messages are parked on a dead-letter
 * topic. Offsets are committed only after the messages are handled or parked.
 *
 * Messages are taken a fetched batch at a time and handled in ONE database
 * transaction per batch, with one offset commit: per-message transactions
 * and commits capped a partition at a few hundred messages a second. A
 * failure rolls the whole batch back and it is retried; handlers are
 * idempotent per message (the processed-message row is in the same
 * transaction), so nothing is applied twice.
 */
@Injectable()
export class MessageConsumers implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MessageConsumers.name);
  private readonly consumers: Consumer[] = [];
  private stopping = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    private readonly groups: ConsumerGroups,
  ) {}

  async subscribe<T extends object>(subscription: Subscription<T>): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: subscription.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30_000 },
    });
    this.consumers.push(consumer);
    this.groups.add(subscription);
    await consumer.connect();
    await consumer.subscribe({ topic: subscription.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.consume(consumer, subscription, payload),
    });
  }

  /** Stops before the database closes; the transport's close() calls it again, harmlessly. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const consumers = this.consumers.splice(0);
    await Promise.all(consumers.map((c) => c.disconnect()));
  }

  private async consume<T extends object>(
    consumer: Consumer,
    subscription: Subscription<T>,
    payload: EachBatchPayload,
  ): Promise<void> {
    const { topic, partition, messages } = payload.batch;
    const last = messages.at(-1);
    if (last === undefined) return;
    const events: { event: CloudEvent<T>; message: KafkaMessage }[] = [];
    for (const message of messages) {
      try {
        events.push({ event: await this.decode(subscription, message.value), message });
      } catch (error) {
        if (!(error instanceof PoisonMessageError || error instanceof MalformedCloudEventError)) {
          throw error;
        }
        await this.park(subscription, topic, partition, message, error);
      }
    }
    const backoff = new RetryBackoff(200, 30_000);
    let pending = events;
    while (pending.length > 0) {
      let outcome: { done: number; error?: unknown };
      try {
        outcome = await this.handleOnce(subscription, pending, { topic, partition });
      } catch (error) {
        outcome = { done: 0, error };
      }
      pending = pending.slice(outcome.done);
      if (outcome.error === undefined) continue;
      if (this.stopping) {
        throw outcome.error instanceof Error ? outcome.error : new Error('message handling failed');
      }
      const delay = backoff.next();
      this.logger.warn(
        {
          err: outcome.error,
          topic,
          partition,
          offset: pending[0]?.message.offset,
          retryInMs: delay,
        },
        'message handling failed; retrying',
      );
      await sleepWithHeartbeat(delay, () => payload.heartbeat());
    }
    for (const message of messages) payload.resolveOffset(message.offset);
    await consumer.commitOffsets([
      { topic, partition, offset: (BigInt(last.offset) + 1n).toString() },
    ]);
  }

  private async decode<T extends object>(
    subscription: Subscription<T>,
    value: Buffer | null,
  ): Promise<CloudEvent<T>> {
    const event = parseCloudEvent(value);
    const data = plainToInstance(subscription.dataClass, event.data);
    if (typeof data !== 'object' || data === null) {
      throw new PoisonMessageError('event data is not an object');
    }
    const errors = await validate(data, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const fields = errors.map((e) => e.property).join(', ');
      throw new PoisonMessageError(`event data is invalid: ${fields}`);
    }
    return { ...event, data };
  }

  /**
   * Handles the messages in one transaction, each under its own savepoint.
   * On a transient failure the messages before it are committed and the
   * error is returned with how many were done, so the caller retries from
   * the failing one: nothing handled is handled again.
   */
  private async handleOnce<T extends object>(
    subscription: Subscription<T>,
    batch: readonly { event: CloudEvent<T>; message: KafkaMessage }[],
    where: { topic: string; partition: number },
  ): Promise<{ done: number; error?: unknown }> {
    let done = 0;
    let failure: unknown;
    await this.dataSource.transaction(async (manager) => {
      if (await this.handleAllAtOnce(subscription, batch, manager)) {
        done = batch.length;
        return;
      }
      for (const { event, message } of batch) {
        await manager.query('SAVEPOINT message');
        try {
          const claimed: unknown[] = await manager.query(
            `INSERT INTO processed_message (consumer_group, message_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING RETURNING message_id`,
            [subscription.groupId, event.id],
          );
          if (claimed.length > 0) await subscription.handle(event, manager);
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT message');
          if (!(error instanceof PoisonMessageError)) {
            failure = error;
            return;
          }
          // Parked and counted as processed: it can never succeed.
          await manager.query(
            `INSERT INTO processed_message (consumer_group, message_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING`,
            [subscription.groupId, event.id],
          );
          await this.park(subscription, where.topic, where.partition, message, error);
        }
        done++;
      }
    });
    return { done, error: failure };
  }

  /**
   * The subscription's handleAll over the batch, under a savepoint: one
   * statement claims every message id, one call handles the new ones.
   * False (and nothing changed) if there is no handleAll or it failed.
   */
  private async handleAllAtOnce<T extends object>(
    subscription: Subscription<T>,
    batch: readonly { event: CloudEvent<T> }[],
    manager: EntityManager,
  ): Promise<boolean> {
    if (subscription.handleAll === undefined || batch.length < 2) return false;
    await manager.query('SAVEPOINT batch');
    try {
      const claimed: { message_id: string }[] = await manager.query(
        `INSERT INTO processed_message (consumer_group, message_id)
         SELECT $1, id FROM unnest($2::text[]) AS id
         ON CONFLICT DO NOTHING RETURNING message_id`,
        [subscription.groupId, batch.map(({ event }) => event.id)],
      );
      const fresh = new Set(claimed.map((row) => row.message_id));
      // A message id twice in one batch is handled once, as one at a time would.
      const events = batch.map(({ event }) => event).filter((event) => fresh.delete(event.id));
      if (events.length > 0) await subscription.handleAll(events, manager);
      await manager.query('RELEASE SAVEPOINT batch');
      return true;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT batch');
      this.logger.warn({ err: error }, 'batch handling failed; handling its messages one by one');
      return false;
    }
  }

  private async park<T extends object>(
    subscription: Subscription<T>,
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: Error,
  ): Promise<void> {
    this.logger.error(
      { topic, partition, offset: message.offset, reason: reason.message },
      'poison message parked on the dead-letter topic',
    );
    const headers: Record<string, string | Buffer> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    await this.publisher.forward(subscription.deadLetterTopic, message.key, message.value, {
      ...headers,
      'dlq-reason': reason.message,
      'dlq-original-topic': topic,
      'dlq-original-partition': String(partition),
      'dlq-original-offset': message.offset,
      'dlq-consumer-group': subscription.groupId,
    });
  }
}

async function sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void> {
  const step = 2_000;
  for (let waited = 0; waited < ms; waited += step) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(step, ms - waited)));
    await heartbeat().catch(() => undefined);
  }
}
