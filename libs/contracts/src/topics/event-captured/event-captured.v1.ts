import { IsISO8601, IsObject, IsString, Matches } from 'class-validator';
import { MSP_ID_PATTERN } from '../../ledger';

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
}
