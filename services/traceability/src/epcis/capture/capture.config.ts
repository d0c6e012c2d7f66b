import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** How much single-event capture (POST /events) holds while the database catches up. */
export class CaptureConfig {
  /**
   * Single events that may wait for their group write; past it, POST /events
   * answers 503 with Retry-After. Each waiting event is an open request and
   * its body in memory.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  CAPTURE_SINGLE_EVENT_QUEUE = 1000;
}
