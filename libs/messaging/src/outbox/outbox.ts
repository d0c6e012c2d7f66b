import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CloudEvent } from '../cloud-event';

export interface OutboxEntry<T> {
  topic: string;
  /** Partition key: messages with the same key stay in order. */
  key: string;
  event: CloudEvent<T>;
}

/**
 * Records outgoing messages inside the caller's transaction. Pass the
 * EntityManager of that transaction: the message commits or rolls back with
 * the business change.
 */
@Injectable()
export class Outbox {
  async enqueue<T>(manager: EntityManager, ...entries: OutboxEntry<T>[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.enqueue must run inside a database transaction');
    }
    if (entries.length === 0) return;
    // One statement for any number of messages: a capture of thousands of
    // events must not cost thousands of round trips. unnest keeps their order.
    await manager.query(
      `INSERT INTO outbox_message (topic, message_key, event)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`,
      [
        entries.map((entry) => entry.topic),
        entries.map((entry) => entry.key),
        entries.map((entry) => JSON.stringify(entry.event)),
      ],
    );
  }
}
