import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

/** How subscriptions are delivered (decision 0020). */
export class SubscriptionsConfig {
  /** First retry delay of a failed delivery; it doubles up to the maximum. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  SUBSCRIPTION_RETRY_INITIAL_MS = 1_000;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  SUBSCRIPTION_RETRY_MAX_MS = 300_000;

  /** How long a receiver has to answer one delivery. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  SUBSCRIPTION_DELIVERY_TIMEOUT_MS = 10_000;

  /** How often the delivery worker looks for deliveries that are due. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  SUBSCRIPTION_POLL_MS = 250;

  /**
   * Whether a webhook may name a loopback, private or link-local address.
   * Off in production (a subscription must not make the service reach its
   * own network); on where the receivers are on the same host or network.
   */
  @IsOptional()
  // From the raw variable: implicit conversion would read the text 'false' as true.
  @Transform(({ obj }: { obj: Record<string, unknown> }) => {
    const raw = obj.SUBSCRIPTION_ALLOW_INTERNAL_DESTINATIONS;
    return raw === 'true' ? true : raw === 'false' ? false : raw;
  })
  @IsBoolean()
  SUBSCRIPTION_ALLOW_INTERNAL_DESTINATIONS = false;
}
