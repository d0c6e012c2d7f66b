import { CLASS_ACTIONS, VesselCertificateKind, type ClassAction } from '@pujiang/contracts';
import { IsImoNumber } from '@pujiang/http';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/**
 * Printable text without surrounding blanks, as the chaincode takes it: no
 * control character (Unicode Cc: U+0000–001F, U+007F–009F), and neither
 * first nor last a blank. Spelt without \p{} or look-arounds, which the
 * OpenAPI document carries and Python-based clients (Schemathesis) cannot read.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const TEXT = /^[^\s\x00-\x1f\x7f-\x9f](?:[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f])?$/u;
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** An ISO 8601 instant in UTC (…Z), as the ledger stores times. */
export function IsUtcInstant(): PropertyDecorator {
  return (target, property) => {
    IsISO8601({ strict: true })(target, property);
    Matches(UTC_INSTANT, { message: `${String(property)} must be a UTC instant (…Z)` })(
      target,
      property,
    );
  };
}

export class VesselPartyDto {
  @Matches(/^[A-Za-z0-9.-]{1,64}$/)
  mspId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(TEXT)
  name!: string;

  @IsOptional()
  @Matches(/^\d{7}$/)
  imoCompanyNumber?: string;
}

class Effective {
  /** When the change took effect, if before now; never in the future. */
  @IsOptional()
  @IsUtcInstant()
  effectiveFrom?: string;
}

export class RegisterVesselDto extends Effective {
  @IsImoNumber()
  imoNumber!: string;

  @IsString()
  @MaxLength(100)
  @Matches(TEXT)
  name!: string;

  /** ITC 1969 gross tonnage: a whole number. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  grossTonnage!: number;

  @IsString()
  @MaxLength(100)
  @Matches(TEXT)
  portOfRegistry!: string;

  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => VesselPartyDto)
  owner!: VesselPartyDto;
}

export class AmendRegistrationDto extends Effective {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(TEXT)
  name?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  grossTonnage?: number;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(TEXT)
  portOfRegistry?: string;
}

export class DeregisterDto extends Effective {}

export class PartyChangeDto extends Effective {
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => VesselPartyDto)
  party!: VesselPartyDto;
}

export class ClassChangeDto extends Effective {
  @IsIn(CLASS_ACTIONS)
  action!: ClassAction;

  /** The society's name; needed to take a vessel into class. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(TEXT)
  society?: string;
}

export class VesselCertificateDto {
  @IsIn(Object.values(VesselCertificateKind))
  kind!: VesselCertificateKind;

  @IsString()
  @MaxLength(64)
  @Matches(TEXT)
  certificateNumber!: string;

  /** SHA-256 of the document, which stays with its holder. */
  @Matches(/^[0-9a-f]{64}$/)
  documentSha256!: string;

  @IsUtcInstant()
  validFrom!: string;

  @IsUtcInstant()
  validUntil!: string;
}

export class WithdrawCertificateDto extends Effective {}

export class StateAtQuery {
  @IsUtcInstant()
  at!: string;
}
