import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** When the ledger service seals a batch of event hashes: by size or by age, whichever comes first. */
export class AnchoringConfig {
  /**
   * The largest batch. Capped so the anchor-committed message, which lists
   * every item of the batch, stays well under Kafka's 1 MB message limit.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4000)
  ANCHOR_BATCH_MAX_EVENTS = 1000;

  /** How long the oldest waiting hash may wait for a batch to fill. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  ANCHOR_BATCH_MAX_WAIT_MS = 1000;
}
