import { IsIn, IsObject, IsString, Matches } from 'class-validator';
import { VesselStatus, type VesselRecord } from '../../ledger';

/**
 * Key: the IMO number. Sent once per committed change of a vessel, by the
 * vessels service of every organisation that follows the ledger. `record` is
 * the whole VesselRecord as the chaincode wrote it, so a consumer reads the
 * vessel's state at any time with `vesselStateAt` without asking the ledger.
 */
export class VesselChangedV1 {
  @Matches(/^\d{7}$/)
  imoNumber!: string;

  /** The transaction that made the change (hex). */
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  txId!: string;

  @IsIn(Object.values(VesselStatus))
  status!: VesselStatus;

  @IsObject()
  record!: VesselRecord;
}
