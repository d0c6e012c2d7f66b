import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

/** This eBL platform: its DCSA platform code, its signing key and who it deals with. */
export class EblConfig {
  /** The code other platforms know us by in PINT (DCSA eblPlatform, at most 4 characters). */
  @Matches(/^[A-Z0-9]{2,4}$/, {
    message: 'EBL_PLATFORM_CODE must be 2-4 upper-case letters or digits',
  })
  EBL_PLATFORM_CODE!: string;

  /** PKCS#8 PEM of the key that signs envelopes, responses and our calls to carriers and platforms. */
  @IsString()
  @IsNotEmpty()
  EBL_SIGNING_KEY_FILE!: string;

  /** JSON file of the parties, carriers and platforms this platform deals with (see directory.ts). */
  @IsString()
  @IsNotEmpty()
  EBL_DIRECTORY_FILE!: string;

  /** Base URL the public verification page and its QR code point to. */
  @IsUrl({ require_tld: false, require_protocol: true })
  EBL_PUBLIC_URL!: string;

  /**
   * How long a PINT envelope transfer stays open for its additional documents after we
   * answered 201: an expired envelope reference is refused and the sender starts again.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7 * 86_400)
  EBL_PINT_ENVELOPE_LIFETIME_SECONDS = 3600;

  /**
   * How old the transfer in an incoming envelope (the actionDateTime of its last
   * transaction) may be when it arrives; older ones are refused as BENV (transaction-rules.ts).
   * A day by default, well beyond EBL_PINT_ENVELOPE_LIFETIME_SECONDS, so that a sender whose
   * open transfer expired can still post the same envelope again.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(7 * 86_400)
  EBL_PINT_MAX_TRANSFER_AGE_SECONDS = 86_400;

  /**
   * How long the public verification page reuses what the ledger said of a
   * reference (its record, or that there is none): anyone may call it, and
   * each fresh answer is a proposal the peer must run. A status changed on
   * the ledger shows within this time. 0 asks the ledger every time.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  EBL_VERIFY_CACHE_SECONDS = 5;
}
