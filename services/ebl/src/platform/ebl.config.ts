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
