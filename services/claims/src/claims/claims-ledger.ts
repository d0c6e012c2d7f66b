import { Injectable } from '@nestjs/common';
import {
  CLAIMS_CONTRACT,
  ClaimAction,
  ClaimDocumentInput,
  ClaimFingerprints,
  ClaimNoticeInput,
  ClaimRecord,
  ClaimsTransaction,
  ClaimsTransientKey,
  CoverPolicyInput,
  CoverPolicyRecord,
  LedgerErrorCode,
} from '@pujiang/contracts';
import { LedgerGateway, LedgerRefusalError, LedgerSession } from '@pujiang/ledger-client';
import { Party } from '@pujiang/wallet';
import { ClaimsPlatform } from '../platform/claims-platform';

/** Who signs: a party with its own identity, or the insurer (the service's operator identity). */
export type Signer = Party | 'insurer';

/**
 * The Claims chaincode contract. Each call is signed by whoever acts, so the
 * chaincode (not this service) decides whether they may.
 */
@Injectable()
export class ClaimsLedger {
  constructor(
    private readonly gateway: LedgerGateway,
    private readonly platform: ClaimsPlatform,
  ) {}

  async createPolicy(policy: CoverPolicyInput): Promise<CoverPolicyRecord> {
    return JSON.parse(
      await this.submit('insurer', ClaimsTransaction.createPolicy, [JSON.stringify(policy)]),
    ) as CoverPolicyRecord;
  }

  /** Private data only, endorsed by this insurer's peers alone: the amounts never leave its organisation. */
  async setPolicyAmounts(policyId: string, canonicalAmounts: string): Promise<void> {
    await this.gateway.submit({
      contract: CLAIMS_CONTRACT,
      transaction: ClaimsTransaction.setPolicyAmounts,
      args: [policyId],
      transientData: { [ClaimsTransientKey.amounts]: Buffer.from(canonicalAmounts) },
      endorsingOrganizations: [this.platform.mspId],
    });
  }

  /** The fingerprints go as transient data: a block would hand them to anyone who reads it. */
  async notifyLoss(
    signer: Signer,
    notice: ClaimNoticeInput,
    fingerprints: ClaimFingerprints,
  ): Promise<ClaimRecord> {
    return JSON.parse(
      await this.submit(signer, ClaimsTransaction.notifyLoss, [JSON.stringify(notice)], {
        [ClaimsTransientKey.fingerprints]: Buffer.from(JSON.stringify(fingerprints)),
      }),
    ) as ClaimRecord;
  }

  async act(
    signer: Signer,
    claimId: string,
    action: ClaimAction,
    recipient: string,
    detail: string,
  ): Promise<ClaimRecord> {
    return JSON.parse(
      await this.submit(signer, ClaimsTransaction.act, [claimId, action, recipient, detail]),
    ) as ClaimRecord;
  }

  async addDocument(
    signer: Signer,
    claimId: string,
    document: ClaimDocumentInput,
  ): Promise<ClaimRecord> {
    return JSON.parse(
      await this.submit(signer, ClaimsTransaction.addDocument, [claimId, JSON.stringify(document)]),
    ) as ClaimRecord;
  }

  async readClaim(claimId: string): Promise<ClaimRecord | undefined> {
    return this.read<ClaimRecord>(ClaimsTransaction.readClaim, claimId);
  }

  async readPolicy(policyId: string): Promise<CoverPolicyRecord | undefined> {
    return this.read<CoverPolicyRecord>(ClaimsTransaction.readPolicy, policyId);
  }

  private async read<T>(transaction: string, id: string): Promise<T | undefined> {
    try {
      return JSON.parse(
        await this.gateway.evaluate({ contract: CLAIMS_CONTRACT, transaction, args: [id] }),
      ) as T;
    } catch (error) {
      if (error instanceof LedgerRefusalError && error.code === LedgerErrorCode.notFound)
        return undefined;
      throw error;
    }
  }

  private async submit(
    signer: Signer,
    transaction: string,
    args: string[],
    transientData?: Record<string, Uint8Array>,
  ): Promise<string> {
    const session: Pick<LedgerSession, 'submit'> =
      signer === 'insurer'
        ? this.gateway
        : this.gateway.actingAs(this.platform.parties.identityOf(signer));
    return (
      await session.submit({
        contract: CLAIMS_CONTRACT,
        transaction,
        args,
        ...(transientData === undefined ? {} : { transientData }),
      })
    ).result;
  }
}
