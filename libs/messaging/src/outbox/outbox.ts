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
    for (const entry of entries) {
      await manager.query(
        `INSERT INTO outbox_message (topic, message_key, event) VALUES ($1, $2, $3)`,
        [entry.topic, entry.key, JSON.stringify(entry.event)],
      );
    }
  }
}
