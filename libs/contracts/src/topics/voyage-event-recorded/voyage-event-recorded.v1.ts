import { IsIn, IsObject, Matches } from 'class-validator';
import { VoyageEventKind, type VoyageEventRecord } from '../../ledger';

/**
 * Key: the IMO number. Sent once per committed voyage event (an area entry
 * the positions code found in AIS reports), by the vessels service of every
 * organisation that follows the ledger, with the same CloudEvent id, so a
 * consumer's inbox keeps one. `record` is the event as the chaincode wrote
 * it: its transaction, instant, area and the AIS evidence hash.
 */
export class VoyageEventRecordedV1 {
  @Matches(/^\d{7}$/)
  imoNumber!: string;

  @IsIn(Object.values(VoyageEventKind))
  kind!: VoyageEventKind;

  /** The transaction that recorded it (hex). */
  @Matches(/^[0-9a-f]{64}$/)
  txId!: string;

  @IsObject()
  record!: VoyageEventRecord;
}
