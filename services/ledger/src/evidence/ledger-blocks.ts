import { Injectable } from '@nestjs/common';
import {
  BundleBlock,
  BundleTransaction,
  decodeBlock,
  decodeProcessedTransaction,
  decodeTransaction,
} from '@pujiang/evidence';
import { ProblemException } from '@pujiang/http';
import {
  LedgerGateway,
  LedgerUnavailableError,
  classifyLedgerError,
  problemFromLedger,
} from '@pujiang/ledger-client';

const QSCC = 'qscc';

export interface FetchedTransaction {
  transaction: BundleTransaction;
  block: BundleBlock;
  lastConfig: bigint;
  /** What it wrote, to find a record's key and value in it. */
  writes: { namespace: string; key: string; value: Buffer }[];
}

/** Transactions and blocks straight from this organisation's peer (qscc), kept as the peer's bytes. */
@Injectable()
export class LedgerBlocks {
  constructor(private readonly ledger: LedgerGateway) {}

  get channel(): string {
    return this.ledger.network.getName();
  }

  async transaction(txId: string): Promise<FetchedTransaction> {
    const processed = await this.query('GetTransactionByID', txId);
    const blockBytes = await this.query('GetBlockByTxID', txId);
    const block = decodeBlock(blockBytes);
    return {
      transaction: {
        txId,
        blockNumber: block.number.toString(),
        processedTransaction: Buffer.from(processed).toString('base64'),
      },
      block: { number: block.number.toString(), block: Buffer.from(blockBytes).toString('base64') },
      lastConfig: block.lastConfig,
      writes: decodeTransaction(decodeProcessedTransaction(processed).envelope).writes,
    };
  }

  async blockByNumber(number: bigint): Promise<BundleBlock> {
    const bytes = await this.query('GetBlockByNumber', number.toString());
    return { number: number.toString(), block: Buffer.from(bytes).toString('base64') };
  }

  private async query(fn: string, arg: string): Promise<Uint8Array> {
    try {
      return await this.ledger.network
        .getContract(QSCC)
        .evaluate(fn, { arguments: [this.channel, arg] });
    } catch (error) {
      const classified = classifyLedgerError(error);
      // Anything but an unreachable peer means it lacks what the record names: no bundle.
      if (classified instanceof LedgerUnavailableError) throw problemFromLedger(classified);
      throw new ProblemException(
        503,
        `the peer did not answer ${fn} for ${arg}; no bundle was made`,
      );
    }
  }
}
