import {
  AREA_ID_PATTERN,
  CoverClause,
  IccClause,
  MSP_ID_PATTERN,
  ParametricTriggerKind,
  PolicyKind,
  VesselClause,
  Warranty,
} from '@pujiang/contracts';
import { IsImoNumber } from '@pujiang/http';
import { isValidContainerNumber } from '@pujiang/standards';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  registerDecorator,
} from 'class-validator';

const MINOR_UNITS = /^(0|[1-9][0-9]{0,17})$/;

/** ISO 6346: owner code, category, serial number and a check digit that must add up. */
function IsContainerNumber(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isContainerNumber',
      target: target.constructor,
      propertyName: String(property),
      options: {
        each: true,
        message: 'each container must be an ISO 6346 number with a valid check digit',
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidContainerNumber(value),
      },
    });
}

/** An area of the positions service's register, by id and the SHA-256 of its GeoJSON geometry. */
export class AreaReferenceDto {
  @Matches(AREA_ID_PATTERN)
  areaId!: string;

  @Matches(/^[0-9a-f]{64}$/)
  geometrySha256!: string;
}

/** The ship a vessel policy insures, and what the assured warrants of it. */
export class VesselCoverDto {
  @IsImoNumber()
  imoNumber!: string;

  @ArrayUnique()
  @ArrayMaxSize(5)
  @IsIn(Object.values(Warranty), { each: true })
  warranties!: Warranty[];

  @ValidateNested({ each: true })
  @Type(() => AreaReferenceDto)
  @ArrayMaxSize(64)
  tradingLimits!: AreaReferenceDto[];

  @ValidateNested({ each: true })
  @Type(() => AreaReferenceDto)
  @ArrayMaxSize(64)
  warRiskAreas!: AreaReferenceDto[];
}

export class PeriodDto {
  @IsISO8601({ strict: true })
  from!: string;

  @IsISO8601({ strict: true })
  to!: string;
}

export class ShipmentDto {
  @IsOptional()
  @Matches(/^\S{1,20}$/)
  eblReference?: string;

  @ArrayMaxSize(200)
  @IsContainerNumber()
  containers!: string[];

  /** GS1 Digital Link URIs of the lots (e.g. https://id.gs1.org/01/…/10/…). */
  @ArrayMaxSize(200)
  @Matches(/^https:\/\/id\.gs1\.org\/01\/\d{14}\/10\/[^/\s]{1,20}$/, { each: true })
  lots!: string[];
}

export class TriggerDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/)
  triggerId!: string;

  @IsIn(Object.values(ParametricTriggerKind))
  kind!: ParametricTriggerKind;

  @IsOptional()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  minCelsiusTenths?: number;

  @IsOptional()
  @IsInt()
  @Min(-1000)
  @Max(1000)
  maxCelsiusTenths?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60 * 24 * 60)
  minDurationMinutes?: number;

  /**
   * Devices (EPCIS deviceIDs) whose attested readings count for a TEMPERATURE
   * trigger, which names these, trustedOwners or both (the service refuses neither).
   */
  @IsOptional()
  @ArrayMaxSize(32)
  @ArrayUnique()
  @Matches(/^[A-Za-z][A-Za-z0-9+.-]*:[\x21-\x7e]{1,250}$/, { each: true })
  trustedDevices?: string[];

  /** Organisations (MSP ids) whose registered devices a TEMPERATURE trigger trusts. */
  @IsOptional()
  @ArrayMaxSize(32)
  @ArrayUnique()
  @Matches(MSP_ID_PATTERN, { each: true })
  trustedOwners?: string[];

  @IsOptional()
  @IsISO8601({ strict: true })
  etaDate?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  graceDays?: number;

  /** VESSEL_ARRIVAL: the destination port's area. */
  @IsOptional()
  @ValidateNested()
  @Type(() => AreaReferenceDto)
  portArea?: AreaReferenceDto;

  /** VESSEL_ARRIVAL: the agreed ETA, a UTC instant. */
  @IsOptional()
  @Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3})?Z$/)
  etaAt?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  graceHours?: number;
}

/** Commercial terms: kept in the insurer's private data collection and its own database. */
export class AmountsDto {
  @Matches(MINOR_UNITS)
  sumInsured!: string;

  @Matches(MINOR_UNITS)
  premium!: string;

  @Matches(MINOR_UNITS)
  deductible!: string;
}

export class CreatePolicyDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/)
  policyId!: string;

  @IsIn(Object.values(PolicyKind))
  kind!: PolicyKind;

  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/)
  openCoverPolicyId?: string;

  /** Cargo (ICC) or, for a TIME policy on a vessel, ITC_HULLS or P_AND_I. */
  @IsIn([...Object.values(IccClause), ...Object.values(VesselClause)])
  clause!: CoverClause;

  /** Directory id of the insured party (it files claims under the policy). */
  @IsString()
  @MaxLength(100)
  insuredPartyId!: string;

  @Matches(/^[A-Z]{3}$/)
  currency!: string;

  @ValidateNested()
  @Type(() => PeriodDto)
  period!: PeriodDto;

  @ValidateNested()
  @Type(() => ShipmentDto)
  shipment!: ShipmentDto;

  @ValidateNested({ each: true })
  @Type(() => TriggerDto)
  @ArrayMaxSize(10)
  parametricTriggers!: TriggerDto[];

  @ValidateNested()
  @Type(() => AmountsDto)
  amounts!: AmountsDto;

  /** A vessel policy's ship and warranties; given exactly when the clause is a vessel clause. */
  @IsOptional()
  @ValidateNested()
  @Type(() => VesselCoverDto)
  vessel?: VesselCoverDto;
}
