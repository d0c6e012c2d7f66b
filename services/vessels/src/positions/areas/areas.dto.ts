import { AREA_ID_PATTERN, AreaKind } from '@pujiang/contracts';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { TEXT } from '../../registry/registry.dto';

/**
 * An area of the register: a GeoJSON (RFC 7946) Polygon or MultiPolygon in
 * WGS 84, [longitude, latitude], closed rings. Its id is in the path; its
 * SHA-256 (RFC 8785 canonical JSON of the geometry) is what a policy names.
 */
export class KeepAreaDto {
  @IsIn(Object.values(AreaKind))
  kind!: AreaKind;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(TEXT)
  name!: string;

  /** `{ "type": "Polygon" | "MultiPolygon", "coordinates": [...] }`, checked as GeoJSON. */
  @IsObject()
  geometry!: Record<string, unknown>;
}

export class AreaQuery {
  @IsOptional()
  @IsIn(Object.values(AreaKind))
  kind?: AreaKind;
}

export class TradingLimitsDto {
  /** Areas of kind TRADING_LIMITS already in the register; the vessel trades inside any of them. */
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(AREA_ID_PATTERN, { each: true })
  areaIds!: string[];
}
