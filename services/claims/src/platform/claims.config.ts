import { IsNotEmpty, IsString, IsUrl } from 'class-validator';

/** This insurer's claims service: its parties, the consortium's duplicate key and where evidence lives. */
export class ClaimsConfig {
  /** JSON file of the claimants and surveyors this service acts for ({ "parties": [...] }, as libs/parties reads it). */
  @IsString()
  @IsNotEmpty()
  CLAIMS_DIRECTORY_FILE!: string;

  /**
   * The consortium's secret for claim fingerprints (hex, ≥ 32 bytes). Every
   * insurer holds the same key, off the ledger, so fingerprints match across
   * insurers while the ledger learns nothing about the cargo.
   */
  @IsString()
  @IsNotEmpty()
  CLAIMS_FINGERPRINT_KEY_FILE!: string;

  /** Traceability service base URL, for events and their anchoring proofs attached as evidence. */
  @IsUrl({ require_tld: false, require_protocol: true })
  TRACEABILITY_URL!: string;
}
