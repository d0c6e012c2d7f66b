import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AnchorBatchStatus } from './domain/anchor-batch-status';
import { BatchItem } from './domain/batching-rule';

/** The ledger service's record of a batch, from request to confirmed block. */
@Entity({ name: 'anchor_batch' })
export class AnchorBatch {
  @PrimaryColumn({ name: 'batch_id', type: 'text' })
  batchId!: string;

  @Column({ name: 'merkle_root', type: 'text' })
  merkleRoot!: string;

  @Column({ type: 'jsonb' })
  items!: BatchItem[];

  @Column({ type: 'text' })
  status!: AnchorBatchStatus;

  @Column({ name: 'tx_id', type: 'text', nullable: true })
  txId!: string | null;

  /** bigint arrives from pg as a string. */
  @Column({ name: 'block_number', type: 'bigint', nullable: true })
  blockNumber!: string | null;

  @Column({ name: 'anchored_at', type: 'timestamptz', nullable: true })
  anchoredAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
