import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { CLOUD_EVENT_CONTENT_TYPE, CloudEvent } from './cloud-event';

export interface OutgoingMessage {
  topic: string;
  key: string;
  event: CloudEvent;
  headers?: Record<string, string>;
}

/**
 * The idempotent producer: the broker drops duplicates from producer retries,
 * and one request in flight keeps records in order within a partition.
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private readonly producer: Producer;
  private connection?: Promise<void>;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // Murmur2, as the Java clients hash keys: a key lands on the same partition whoever writes it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on('producer.disconnect', () => {
      this.connection = undefined;
    });
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const group = byTopic.get(message.topic);
      if (group === undefined) byTopic.set(message.topic, [message]);
      else group.push(message);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, group]) => ({
        topic,
        messages: group.map((m) => ({
          key: m.key,
          value: JSON.stringify(m.event),
          headers: { 'content-type': CLOUD_EVENT_CONTENT_TYPE, ...m.headers },
        })),
      })),
    });
  }

  /** Forwards a raw record unchanged, e.g. to a dead-letter topic. */
  async forward(
    topic: string,
    key: Buffer | null,
    value: Buffer | null,
    headers: Record<string, string | Buffer>,
  ): Promise<void> {
    await this.connect();
    await this.producer.send({ topic, acks: -1, messages: [{ key, value, headers }] });
  }

  private async connect(): Promise<void> {
    this.connection ??= this.producer.connect().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    await this.connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch((error: unknown) => {
      this.logger.warn({ err: error }, 'producer did not disconnect cleanly');
    });
  }
}
