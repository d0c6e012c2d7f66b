import { IsUrl } from 'class-validator';

/**
 * Where the records of an evidence bundle are read, as the requester (its own
 * bearer token is passed on): what it may see there is what it may bundle.
 */
export class EvidenceConfig {
  /** This organisation's claims service, for a claim as its parties read it. */
  @IsUrl({ require_tld: false, require_protocol: true })
  CLAIMS_URL!: string;

  /** The traceability service, for a lot's events and every event's anchoring proof. */
  @IsUrl({ require_tld: false, require_protocol: true })
  TRACEABILITY_URL!: string;
}
