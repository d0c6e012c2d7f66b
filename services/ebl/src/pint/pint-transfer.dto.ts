import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsObject,
  IsOptional,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class IdentifyingCodeDto {
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(100)
  codeListProvider!: string;

  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(150)
  partyCode!: string;

  @IsOptional()
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(100)
  codeListName?: string;
}

/** DCSA RecipientParty on the receiving platform (its eblPlatform is `receivingPlatform`). */
export class PintRecipientDto {
  @Matches(/^\S(?:.*\S)?$/)
  @MaxLength(70)
  partyName!: string;

  @ValidateNested({ each: true })
  @Type(() => IdentifyingCodeDto)
  @ArrayMinSize(1)
  identifyingCodes!: IdentifyingCodeDto[];
}

/** A holder sends its eBL to a party on another eBL platform. */
export class PintTransferDto {
  @Matches(/^[A-Z0-9]{2,4}$/)
  receivingPlatform!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PintRecipientDto)
  recipient!: PintRecipientDto;

  /** What the transfer does to title: possession only (default) or an endorsement with it. */
  @IsOptional()
  @IsIn(['TRANSFER', 'ENDORSE', 'ENDORSE_TO_ORDER'])
  actionCode?: 'TRANSFER' | 'ENDORSE' | 'ENDORSE_TO_ORDER';
}

/** A holder asks another platform whether it knows a party (PINT receiver validation). */
export class ReceiverValidationDto {
  @Matches(/^[A-Z0-9]{2,4}$/)
  receivingPlatform!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => IdentifyingCodeDto)
  identifyingCode!: IdentifyingCodeDto;
}
