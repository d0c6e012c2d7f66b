import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AnchorStatus } from './domain/trace-record';

@Entity({ name: 'trace_record' })
export class TraceRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text' })
  digest!: string;

  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt!: Date;

  @Column({ name: 'anchor_status', type: 'text' })
  anchorStatus!: AnchorStatus;

  @Column({ name: 'batch_id', type: 'text', nullable: true })
  batchId!: string | null;

  @Column({ name: 'tx_id', type: 'text', nullable: true })
  txId!: string | null;

  /** bigint arrives from pg as a string. */
  @Column({ name: 'block_number', type: 'bigint', nullable: true })
  blockNumber!: string | null;

  @Column({ name: 'anchored_at', type: 'timestamptz', nullable: true })
  anchoredAt!: Date | null;
}
