import { SeafarerCertificateKind, ShipboardCapacity } from '@pujiang/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsUtcInstant, TEXT } from '../registry/registry.dto';

/**
 * One certificate of a seafarer the caller employs, with the personal data
 * that stays in the employer's private collection. The identity salt is the
 * employer's, kept for the seafarer so each certificate names the same pseudonym.
 */
export class SeafarerCertificateDto {
  @Matches(/^[0-9a-f]{64}$/)
  identitySalt!: string;

  /** Passport or seaman's book number: hashed into the pseudonym, never stored. */
  @IsString()
  @MaxLength(64)
  @Matches(TEXT)
  identityDocument!: string;

  @IsString()
  @MaxLength(100)
  @Matches(TEXT)
  familyName!: string;

  @IsString()
  @MaxLength(100)
  @Matches(TEXT)
  givenNames!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dateOfBirth!: string;

  @Matches(/^[A-Z]{2}$/)
  nationality!: string;

  /** The employer's reference for the certificate. */
  @IsString()
  @MaxLength(64)
  @Matches(TEXT)
  certificateRef!: string;

  @IsIn(Object.values(SeafarerCertificateKind))
  kind!: SeafarerCertificateKind;

  /** For a certificate of competency: the capacity it qualifies for. */
  @IsOptional()
  @IsIn(Object.values(ShipboardCapacity))
  capacity?: ShipboardCapacity;

  @IsUtcInstant()
  validFrom!: string;

  @IsUtcInstant()
  validUntil!: string;

  @IsString()
  @MaxLength(64)
  @Matches(TEXT)
  certificateNumber!: string;

  @IsString()
  @MaxLength(100)
  @Matches(TEXT)
  issuingAuthority!: string;
}

export class CrewMemberDto {
  /** The pseudonym the seafarer's certificates were recorded under. */
  @Matches(/^[0-9a-f]{64}$/)
  seafarerId!: string;

  @IsIn(Object.values(ShipboardCapacity))
  rank!: ShipboardCapacity;
}

export class CrewListDto {
  @IsString()
  @MaxLength(64)
  @Matches(TEXT)
  voyageId!: string;

  @IsUtcInstant()
  from!: string;

  @IsOptional()
  @IsUtcInstant()
  until?: string;

  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CrewMemberDto)
  crew!: CrewMemberDto[];
}
