import { AnchoredBatch, ClaimStub, DisclosedClaim, EblRecord } from '@pujiang/contracts';

/** The domains the regulator reads on the ledger. */
export type LedgerDomain = 'traceability' | 'ebl' | 'claims';

/**
 * The regulator's read-only view of what the ledger holds across the three
 * domains, as its own ledger identity is allowed to see it (the chaincode
 * decides; private amounts stay with their owners). Undefined when the
 * ledger has no such record. Evaluations only: nothing is ever submitted.
 */
export abstract class AnchoredRecords {
  /** The identity the reads are made as: an MSP id. */
  abstract readonly readAs: string;

  abstract anchoredBatch(
    submitterMspId: string,
    batchId: string,
  ): Promise<AnchoredBatch | undefined>;

  abstract billOfLading(platformMspId: string, reference: string): Promise<EblRecord | undefined>;

  /** A claim's public part: status, steps, the hash of its details, its disclosures. */
  abstract claim(claimId: string): Promise<ClaimStub | undefined>;

  /**
   * What the claim's insurer disclosed to this regulator in one transaction
   * (decision 0035): the only way the regulator sees a claim's private part.
   */
  abstract disclosure(claimId: string, txId: string): Promise<DisclosedClaim | undefined>;
}
