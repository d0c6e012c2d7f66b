import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CloudEvent } from '../cloud-event';
import { stampOrigins } from '../tracing/message-tracing';

export interface OutboxEntry<T> {
  topic: string;
  /** Partition key: messages with the same key stay in order. */
  key: string;
  event: CloudEvent<T>;
}

/**
 * Records outgoing messages inside the caller's transaction. Pass the
 * EntityManager of that transaction: the message commits or rolls back with
 * the business change. Each message carries where it comes from: the trace
 * context and correlation ids of the request or handler writing it.
 */
@Injectable()
export class Outbox {
  async enqueue<T>(manager: EntityManager, ...entries: OutboxEntry<T>[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.enqueue must run inside a database transaction');
    }
    if (entries.length === 0) return;
    const stamped = stampOrigins(entries);
    // One statement for any number of messages: a capture of thousands of
    // events must not cost thousands of round trips. unnest keeps their order.
    await manager.query(
      `INSERT INTO outbox_message (topic, message_key, event)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`,
      [
        stamped.map((entry) => entry.topic),
        stamped.map((entry) => entry.key),
        stamped.map((entry) => JSON.stringify(entry.event)),
      ],
    );
  }
}
