import { Injectable } from '@nestjs/common';
import {
  AnchoredBatch,
  CLAIMS_CONTRACT,
  ClaimStub,
  ClaimsTransaction,
  DisclosedClaim,
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
 * AnchoredRecords on Fabric: evaluations signed by the configured identity
 * (FABRIC_MSP_ID, FABRIC_CLIENT_CERT/KEY: the regulator's inspector) and
 * answered by its own organisation's peer only, the one that holds what was
 * disclosed to it (decision 0035).
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

  claim(claimId: string): Promise<ClaimStub | undefined> {
    return this.read(CLAIMS_CONTRACT, ClaimsTransaction.readClaimStub, [claimId]);
  }

  disclosure(claimId: string, txId: string): Promise<DisclosedClaim | undefined> {
    return this.read(CLAIMS_CONTRACT, ClaimsTransaction.readDisclosure, [claimId, txId]);
  }

  private async read<T>(
    contract: string,
    transaction: string,
    args: string[],
  ): Promise<T | undefined> {
    try {
      const answer = await this.gateway.evaluate({
        contract,
        transaction,
        args,
        endorsingOrganizations: [this.gateway.mspId],
      });
      return JSON.parse(answer) as T;
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.notFound) {
        return undefined;
      }
      throw error;
    }
  }
}
