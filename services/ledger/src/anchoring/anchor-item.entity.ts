import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A digest waiting for (or already in) a batch; one row per anchor request. */
@Entity({ name: 'anchor_item' })
export class AnchorItem {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'text' })
  digest!: string;

  /** MSP id of the item's author; NULL for items queued before requests named it. */
  @Column({ type: 'text', nullable: true })
  organisation!: string | null;

  @Column({ name: 'batch_id', type: 'text', nullable: true })
  batchId!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;
}
