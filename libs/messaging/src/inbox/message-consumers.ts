import { Injectable, Logger, BeforeApplicationShutdown } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { CloudEvent, MalformedCloudEventError, parseCloudEvent } from '../cloud-event';
import { EventPublisher } from '../event-publisher';
import { RetryBackoff } from '../retry-backoff';
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
}

/**
 * Runs idempotent consumers: each message is handled at most once per group
 * (processed-message table in the handler's transaction), transient failures
 * are retried in place with backoff (keeping partition order), and poison
 * messages are parked on a dead-letter topic. Offsets are committed only
 * after the message is handled or parked.
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
  ) {}

  async subscribe<T extends object>(subscription: Subscription<T>): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: subscription.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30_000 },
    });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: subscription.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: (payload) => this.consume(consumer, subscription, payload),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.consumers.map((c) => c.disconnect()));
  }

  private async consume<T extends object>(
    consumer: Consumer,
    subscription: Subscription<T>,
    payload: EachMessagePayload,
  ): Promise<void> {
    const { topic, partition, message } = payload;
    const backoff = new RetryBackoff(200, 30_000);
    for (;;) {
      try {
        const event = await this.decode(subscription, message.value);
        await this.handleOnce(subscription, event);
        break;
      } catch (error) {
        if (error instanceof PoisonMessageError || error instanceof MalformedCloudEventError) {
          await this.park(subscription, topic, partition, message, error);
          break;
        }
        if (this.stopping) throw error;
        const delay = backoff.next();
        this.logger.warn(
          { err: error, topic, partition, offset: message.offset, retryInMs: delay },
          'message handling failed; retrying',
        );
        await sleepWithHeartbeat(delay, () => payload.heartbeat());
      }
    }
    await consumer.commitOffsets([
      { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
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

  private async handleOnce<T extends object>(
    subscription: Subscription<T>,
    event: CloudEvent<T>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO processed_message (consumer_group, message_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING message_id`,
        [subscription.groupId, event.id],
      );
      if (claimed.length === 0) return;
      await subscription.handle(event, manager);
    });
  }

  private async park<T extends object>(
    subscription: Subscription<T>,
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
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
