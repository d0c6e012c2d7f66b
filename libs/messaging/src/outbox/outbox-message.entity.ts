import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CloudEvent } from '../cloud-event';

/**
 * A message written in the same transaction as the business change it
 * announces; the relay publishes it later, so a Kafka outage delays messages
 * but never loses them.
 */
@Entity({ name: 'outbox_message' })
@Index('outbox_message_unpublished', ['sequence'], { where: 'published_at IS NULL' })
@Index('outbox_message_unpublished_by_topic', ['topic', 'sequence'], {
  where: 'published_at IS NULL',
})
export class OutboxMessage {
  /** Publication order; bigint arrives from pg as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  sequence!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ type: 'jsonb' })
  event!: CloudEvent;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
