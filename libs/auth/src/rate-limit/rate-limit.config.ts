import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * How many requests one client may make in a window: per client address on
 * the public routes, per authenticated party on writes (RateLimitModule).
 * The defaults suit real clients; the test stack raises them for its own
 * load, and a test of the limits lowers them on its own instance.
 */
export class RateLimitConfig {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Consumer page, QR codes and verification, per client address: a shopper scans a few. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PUBLIC_REQUESTS = 300;

  /** POST, PUT, PATCH and DELETE per party (token subject and organisation). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WRITE_REQUESTS = 3000;
}
