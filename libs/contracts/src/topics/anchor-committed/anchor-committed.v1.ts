import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsISO8601,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { MSP_ID_PATTERN } from '../../ledger';

export class AnchoredItem {
  @IsUUID()
  itemId!: string;

  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  digest!: string;
}

/**
 * Key: the batch id. Sent once the batch's transaction is valid in a block.
 * `items` are in the leaf order of the batch's Merkle tree, so a receiver can
 * rebuild every item's inclusion proof. The batch is read back from the
 * ledger by (submitterMspId, batchId).
 */
export class AnchorCommittedV1 {
  @IsString()
  batchId!: string;

  /** MSP id of the organisation whose anchoring identity anchored the batch. */
  @IsString()
  @Matches(MSP_ID_PATTERN)
  submitterMspId!: string;

  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  merkleRoot!: string;

  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => AnchoredItem)
  items!: AnchoredItem[];

  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  txId!: string;

  @IsInt()
  @Min(0)
  blockNumber!: number;

  @IsISO8601()
  anchoredAt!: string;
}
