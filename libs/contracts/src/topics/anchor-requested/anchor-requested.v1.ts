import { IsString, IsUUID, Matches } from 'class-validator';

/**
 * Key: the item id. A context asks the ledger service to anchor one item's
 * digest; the confirmation comes back on `anchorCommitted`.
 */
export class AnchorRequestedV1 {
  @IsUUID()
  itemId!: string;

  /** Lower-case hex SHA-256 of the item's canonical form. */
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  digest!: string;
}
