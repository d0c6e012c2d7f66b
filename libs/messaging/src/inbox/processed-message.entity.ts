import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (consumer group, CloudEvent id) already handled. Inserted in the
 * same transaction as the handler's writes, so a redelivered message is
 * recognised and skipped.
 */
@Entity({ name: 'processed_message' })
export class ProcessedMessage {
  @PrimaryColumn({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @PrimaryColumn({ name: 'message_id', type: 'text' })
  messageId!: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
