import { Type } from 'class-transformer';
import { IsArray, IsIn, IsISO8601, IsString, Matches, ValidateNested } from 'class-validator';
import { CLAIM_ID_PATTERN, ClaimStatus, MSP_ID_PATTERN } from '../../ledger';

/** One legal clock of the claim (Hague-Visby notice or suit), as the insurer's file dates it. */
export class ClaimTimeBarV1 {
  @IsIn(['NOTICE_OF_LOSS', 'SUIT_AGAINST_CARRIER'])
  name!: 'NOTICE_OF_LOSS' | 'SUIT_AGAINST_CARRIER';

  /** The last calendar day on which the act is still in time (YYYY-MM-DD). */
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  deadline!: string;
}

/**
 * Key: the claim id. Sent once per committed change of a claim, by the
 * claims service of its insurer: the status and the time bars of the
 * claim file, never an amount (amounts stay private to the insurer,
 * decision 0009).
 */
export class ClaimChangedV1 {
  @IsString()
  @Matches(CLAIM_ID_PATTERN)
  claimId!: string;

  @IsString()
  @Matches(MSP_ID_PATTERN)
  insurerMsp!: string;

  @IsIn(Object.values(ClaimStatus))
  status!: ClaimStatus;

  /** When the ledger last changed the claim. */
  @IsISO8601()
  changedAt!: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ClaimTimeBarV1)
  timeBars!: ClaimTimeBarV1[];
}
