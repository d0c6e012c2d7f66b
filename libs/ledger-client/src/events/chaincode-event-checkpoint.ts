import { Checkpoint } from '@hyperledger/fabric-gateway';
import { EntityManager } from 'typeorm';

interface CheckpointRow {
  block_number: string;
  transaction_id: string | null;
}

/**
 * Where a chaincode event listener got to, kept in the service's own
 * database. It is saved in the same transaction as the effects of the event,
 * so a crash can neither skip an event nor apply one twice.
 */
export class DatabaseCheckpoint implements Checkpoint {
  private constructor(
    private readonly blockNumber: bigint | undefined,
    private readonly transactionId: string | undefined,
  ) {}

  static async load(manager: EntityManager, listener: string): Promise<DatabaseCheckpoint> {
    const rows: CheckpointRow[] = await manager.query(
      `SELECT block_number, transaction_id FROM chaincode_event_checkpoint WHERE listener = $1`,
      [listener],
    );
    const row = rows[0];
    return row === undefined
      ? new DatabaseCheckpoint(undefined, undefined)
      : new DatabaseCheckpoint(BigInt(row.block_number), row.transaction_id ?? undefined);
  }

  static async save(
    manager: EntityManager,
    listener: string,
    blockNumber: bigint,
    transactionId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO chaincode_event_checkpoint (listener, block_number, transaction_id, updated_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (listener) DO UPDATE
         SET block_number = EXCLUDED.block_number,
             transaction_id = EXCLUDED.transaction_id,
             updated_at = now()`,
      [listener, blockNumber.toString(), transactionId],
    );
  }

  isEmpty(): boolean {
    return this.blockNumber === undefined;
  }

  getBlockNumber(): bigint | undefined {
    return this.blockNumber;
  }

  getTransactionId(): string | undefined {
    return this.transactionId;
  }
}
