import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, ValidateBy } from 'class-validator';
import { parseColdChainRanges } from '../domain/cold-chain-breach';

const DAY = 24 * 3600;

/** What the regulator's monitors hold the platform to. */
export class SupervisionConfig {
  /**
   * The temperature range (°C) of each food product the regulator watches:
   * `GTIN=min..max`, comma-separated, GTINs of 14 digits
   * (`09520123456788=0..5`). Readings of other products are not judged.
   */
  @IsOptional()
  @IsString()
  @ValidateBy({
    name: 'coldChainRanges',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && parseColdChainRanges(value) !== undefined,
      defaultMessage: () =>
        'SUPERVISION_COLD_CHAIN_RANGES must be GTIN=min..max (°C, min ≤ max), comma-separated, each GTIN once',
    },
  })
  SUPERVISION_COLD_CHAIN_RANGES = '';

  /** How long a shipped lot may travel before its missing receipt is flagged. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90 * DAY)
  SUPERVISION_RECEIPT_GRACE_SECONDS = 3 * DAY;

  /** How long after an eBL's surrender for delivery the delivery event must be recorded. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90 * DAY)
  SUPERVISION_DELIVERY_GRACE_SECONDS = 2 * DAY;

  /** How far back anchoring lag looks: items captured since then, and every one still pending. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(30 * DAY)
  SUPERVISION_ANCHORING_WINDOW_SECONDS = DAY;
}
