import {
  ClaimAction,
  ClaimDocumentKind,
  DISCLOSABLE_CLAIM_FIELDS,
  DisclosableClaimField,
  Peril,
} from '@pujiang/contracts';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

const MINOR_UNITS = /^(0|[1-9][0-9]{0,17})$/;

/** First notice of loss, by the claimant. */
export class NoticeDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/)
  policyId!: string;

  @IsIn(Object.values(Peril))
  peril!: Peril;

  @IsISO8601({ strict: true })
  lossDate!: string;

  @IsISO8601({ strict: true })
  discoveredDate!: string;

  /**
   * Under a vessel policy (hull, P&I): the instant of the casualty, a UTC
   * instant on lossDate; the ledger checks the ship's warranties as they stood then.
   */
  @IsOptional()
  @Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3})?Z$/)
  lossAt?: string;

  /** UN/LOCODE or a short description of where the loss happened or was found. */
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(140)
  place!: string;

  /** At least one for cargo; none for a loss of the ship (with lossAt). */
  @ArrayMaxSize(200)
  @Matches(/^[A-Za-z]{4}\s?\d{6}\s?\d$/, { each: true })
  containers!: string[];

  @IsOptional()
  @Matches(/^\S{1,20}$/)
  eblReference?: string;

  @Matches(MINOR_UNITS)
  claimedAmount!: string;

  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  /** When the goods were delivered: starts the notice and suit clocks. */
  @IsOptional()
  @IsISO8601({ strict: true })
  deliveredAt?: string;

  @IsOptional()
  @IsBoolean()
  damageApparent?: boolean;
}

/** A step of the claim; which fields apply depends on the action (see claim-arguments.ts). */
export class ClaimActionDto {
  @IsIn(Object.values(ClaimAction))
  action!: ClaimAction;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  surveyorPartyId?: string;

  @IsOptional()
  @Matches(MINOR_UNITS)
  amount?: string;

  @IsOptional()
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(500)
  reason?: string;

  @IsOptional()
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(200)
  reference?: string;

  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  reportSha256?: string;

  @IsOptional()
  @Matches(MINOR_UNITS)
  assessedLoss?: string;

  @IsOptional()
  @IsIn(Object.values(ClaimDocumentKind), { each: true })
  @ArrayMaxSize(10)
  documents?: ClaimDocumentKind[];

  @IsOptional()
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(200)
  against?: string;
}

/** A document of the claim file, sent inline (Base64). */
export class ClaimDocumentDto {
  @IsIn(Object.values(ClaimDocumentKind))
  kind!: ClaimDocumentKind;

  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(200)
  name!: string;

  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/)
  mediaType!: string;

  /** The file, Base64; the request body limit bounds its size. */
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/)
  contentBase64!: string;
}

/** Evidence the platform itself holds: an eBL's ledger record or a traceability event with its proof. */
export class EvidenceDto {
  @IsIn(['EBL_RECORD', 'TRACEABILITY_EVIDENCE'])
  kind!: 'EBL_RECORD' | 'TRACEABILITY_EVIDENCE';

  @IsOptional()
  @Matches(/^\S{1,20}$/)
  transportDocumentReference?: string;

  /** The eBL platform's organisation (MSP id); default this insurer's. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]{1,64}$/)
  platformMspId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  eventID?: string;
}

export class SuitExtensionDto {
  @IsISO8601({ strict: true })
  until!: string;
}

/** The insurer discloses these private fields of its claim to the regulator (decision 0035). */
export class ClaimDisclosureDto {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(DISCLOSABLE_CLAIM_FIELDS.length)
  @IsIn(DISCLOSABLE_CLAIM_FIELDS, { each: true })
  fields!: DisclosableClaimField[];
}
