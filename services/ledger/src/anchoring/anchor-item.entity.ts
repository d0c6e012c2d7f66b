import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A digest waiting for (or already in) a batch; one row per anchor request. */
@Entity({ name: 'anchor_item' })
export class AnchorItem {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  digest!: string;

  @Column({ name: 'batch_id', type: 'text', nullable: true })
  batchId!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;
}
