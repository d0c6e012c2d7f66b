import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { EvidenceSubjectKind } from '@pujiang/evidence';

const KINDS: EvidenceSubjectKind[] = ['claim', 'ebl', 'lot'];

/** What to bundle: a claim (its UUID), an eBL (platform MSP id and reference) or a lot (its LGTIN class URN). */
export class EvidenceRequestDto {
  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind!: EvidenceSubjectKind;

  @ApiProperty({
    description:
      'claim: the claim id; ebl: `<platform MSP id>/<transport document reference>`; lot: `urn:epc:class:lgtin:…`',
    example: 'urn:epc:class:lgtin:4012345.012345.LOT1',
  })
  @IsString()
  @MaxLength(300)
  @Matches(/^[\x21-\x7e]+$/, { message: 'id must be printable ASCII without spaces' })
  id!: string;
}
