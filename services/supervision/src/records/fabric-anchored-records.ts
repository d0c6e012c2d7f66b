import { Injectable } from '@nestjs/common';
import {
  AnchoredBatch,
  CLAIMS_CONTRACT,
  ClaimRecord,
  ClaimsTransaction,
  EBL_CONTRACT,
  EblRecord,
  EblTransaction,
  LedgerErrorCode,
  TRACE_ANCHOR_CONTRACT,
  TraceAnchorTransaction,
} from '@pujiang/contracts';
import { LedgerGateway, LedgerRefusalError } from '@pujiang/ledger-client';
import { AnchoredRecords } from './anchored-records';

/**
 * AnchoredRecords on Fabric: evaluations on the configured peer, signed by
 * the configured identity (FABRIC_MSP_ID, FABRIC_CLIENT_CERT/KEY): the
 * regulator's own organisation once it is on the channel.
 */
@Injectable()
export class FabricAnchoredRecords extends AnchoredRecords {
  constructor(private readonly gateway: LedgerGateway) {
    super();
  }

  get readAs(): string {
    return this.gateway.mspId;
  }

  anchoredBatch(submitterMspId: string, batchId: string): Promise<AnchoredBatch | undefined> {
    return this.read(TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction.readBatch, [
      submitterMspId,
      batchId,
    ]);
  }

  billOfLading(platformMspId: string, reference: string): Promise<EblRecord | undefined> {
    return this.read(EBL_CONTRACT, EblTransaction.read, [platformMspId, reference]);
  }

  claim(claimId: string): Promise<ClaimRecord | undefined> {
    return this.read(CLAIMS_CONTRACT, ClaimsTransaction.readClaim, [claimId]);
  }

  private async read<T>(
    contract: string,
    transaction: string,
    args: string[],
  ): Promise<T | undefined> {
    try {
      return JSON.parse(await this.gateway.evaluate({ contract, transaction, args })) as T;
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.notFound) {
        return undefined;
      }
      throw error;
    }
  }
}
