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

  /**
   * How many sealed batches the anchorer submits at once. They are
   * independent transactions (one ledger key each), so they share the
   * orderer's blocks instead of waiting for one another's commit.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  ANCHOR_IN_FLIGHT_BATCHES = 8;
}
