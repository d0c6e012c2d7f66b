import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { AttestationVerdict, MSP_ID_PATTERN, ReadingAttestation } from '../../ledger';

/** Capture's verdict on one sensorElement of the event (issue 17). */
export class ReadingAttestationV1 implements ReadingAttestation {
  @IsInt()
  @Min(0)
  element!: number;

  @IsIn(Object.values(AttestationVerdict))
  verdict!: AttestationVerdict;

  @IsString()
  reason!: string;

  @IsOptional()
  @IsString()
  deviceId?: string;

  @IsOptional()
  @Matches(MSP_ID_PATTERN)
  ownerMspId?: string;

  @IsOptional()
  @IsString()
  kid?: string;

  @IsOptional()
  @IsString()
  signatureDigest?: string;
}

/**
 * Key: the event hash. Traceability announces every EPCIS event it stores,
 * once (a repeated capture is a duplicate and announces nothing), so other
 * contexts can react to the supply chain: claims watches reefer readings and
 * arrivals for parametric covers.
 */
export class EpcisEventCapturedV1 {
  /** CBV 2.0 event hash ID (`ni:///sha-256;…?ver=CBV2.0`): the event's identity. */
  @IsString()
  @Matches(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/)
  eventHash!: string;

  @IsString()
  eventID!: string;

  @IsISO8601()
  eventTime!: string;

  @IsISO8601()
  recordTime!: string;

  /** MSP id of the organisation whose token captured the event: its accountable author. */
  @IsString()
  @Matches(MSP_ID_PATTERN)
  capturingOrganisation!: string;

  /** The EPCIS 2.0 event as captured (JSON-LD). */
  @IsObject()
  event!: Record<string, unknown>;

  /**
   * One verdict per sensorElement, when the event has any: whether a
   * registered device attested the readings, as capture judged them against
   * the registry at the readings' time. Absent on messages from before issue 17.
   */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReadingAttestationV1)
  attestations?: ReadingAttestationV1[];
}
