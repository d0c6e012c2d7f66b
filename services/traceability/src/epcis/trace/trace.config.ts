import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** How far one trace or recall may spread before it stops and says it was truncated. */
export class TraceConfig {
  /**
   * Events one level of the walk may read. A level fans out from every
   * identifier the level before reached, so one over-connected identifier
   * (a lot named by a million events) must not make a single level read
   * them all; the node limit only stops the walk between levels.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  TRACE_MAX_LEVEL_EVENTS = 10_000;
}
