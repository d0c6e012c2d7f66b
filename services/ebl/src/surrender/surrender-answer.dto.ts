import { IsIn, IsOptional, Matches, MaxLength, ValidateIf } from 'class-validator';

/** DCSA EBL_SUR 3.0 SurrenderRequestAnswer. */
export class SurrenderAnswerDto {
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(100)
  surrenderRequestReference!: string;

  @IsIn(['SURR', 'SREJ'])
  action!: 'SURR' | 'SREJ';

  /** Required for rejections by the DCSA standard. */
  @ValidateIf(
    (answer: SurrenderAnswerDto) => answer.action === 'SREJ' || answer.comments !== undefined,
  )
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(255)
  comments?: string;

  @IsOptional()
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(100)
  transportDocumentReference?: string;
}
