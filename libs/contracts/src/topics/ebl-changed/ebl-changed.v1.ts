import { IsIn, IsISO8601, IsString, Matches } from 'class-validator';
import { EblStatus, MSP_ID_PATTERN, TRANSPORT_DOCUMENT_REFERENCE_PATTERN } from '../../ledger';

/**
 * Key: the transport document reference. Sent once per committed change of
 * an eBL, by the eBL service of the platform holding it (from the
 * chaincode's EblChanged event, through its outbox). It carries the state,
 * not the parties or the document: the supervision monitors need when a
 * document was surrendered for delivery, not who holds it.
 */
export class EblChangedV1 {
  @IsString()
  @Matches(TRANSPORT_DOCUMENT_REFERENCE_PATTERN)
  transportDocumentReference!: string;

  /** MSP id of the organisation whose platform holds the document. */
  @IsString()
  @Matches(MSP_ID_PATTERN)
  platform!: string;

  @IsIn(Object.values(EblStatus))
  status!: EblStatus;

  /** The transaction that made the change (hex). */
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  txId!: string;

  /** When the ledger recorded the change (the transaction's time). */
  @IsISO8601()
  changedAt!: string;
}
