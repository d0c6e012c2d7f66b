import { IsString, IsUUID, Matches } from 'class-validator';
import { MSP_ID_PATTERN } from '../../ledger';

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

  /**
   * MSP id of the item's author. Only that organisation's ledger service
   * anchors it, under its own anchoring identity, so the ledger says who
   * vouches for every item.
   */
  @IsString()
  @Matches(MSP_ID_PATTERN)
  organisation!: string;
}
