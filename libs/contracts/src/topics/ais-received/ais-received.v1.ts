import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsOptional,
  Matches,
} from 'class-validator';

/** One NMEA 0183 AIS sentence as a receiver hands it on: `!AIVDM,…*hh`, at most 82 characters each by the standard (type 5 often longer from encoders that skip the split). */
export const AIVDM_SENTENCE_PATTERN =
  /^!AIVD[MO],[0-9],[0-9],[0-9]?,[AB12]?,[0-9:;<=>?@A-W`a-w]+,[0-5]\*[0-9A-F]{2}$/;

/**
 * Key: the vessel's MMSI (so one vessel's reports stay in order on one
 * partition). An AIS receiver or data provider's gateway posts each report
 * as it heard it: the sentences of one message (several for a multi-part
 * one) and when it received them; AIS position reports carry no date. The
 * positions service decodes them with a maintained AIS library, keeps the
 * vessel's track and records area entries on the ledger with the SHA-256
 * of these sentences (`aisEvidenceSha256`).
 */
export class AisReportReceivedV1 {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(9)
  @Matches(AIVDM_SENTENCE_PATTERN, { each: true })
  sentences!: string[];

  @IsISO8601({ strict: true })
  receivedAt!: string;

  /** The receiving station or provider, for the record. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/)
  source?: string;
}
