import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CLAIMS_CONTRACT,
  ClaimAction,
  ClaimDisclosure,
  ClaimDocumentInput,
  ClaimFingerprints,
  ClaimNotice,
  ClaimNoticeInput,
  ClaimRecord,
  ClaimStepArguments,
  ClaimStub,
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

  /** Private data only, endorsed by this insurer's peers alone: the terms never leave its organisation. */
  async setPolicyPrivateTerms(policyId: string, canonicalTerms: string): Promise<void> {
    await this.submit('insurer', ClaimsTransaction.setPolicyPrivateTerms, [policyId], {
      transientData: { [ClaimsTransientKey.privateTerms]: Buffer.from(canonicalTerms) },
      insurerOnly: true,
    });
  }

  /**
   * Two transactions (decision 0009): the notice into this insurer's
   * collection, endorsed by its peers alone; then the claim's public part and
   * the duplicate check, which every organisation endorses, knowing only the
   * notice's hash. The fingerprints go as transient data: a block would hand
   * them to anyone who reads it. A notice already in the collection (an
   * earlier attempt that stopped half-way) is registered as it is.
   */
  async notifyLoss(
    signer: Signer,
    notice: ClaimNoticeInput,
    fingerprints: ClaimFingerprints,
  ): Promise<ClaimRecord> {
    const salted: ClaimNotice = { ...notice, salt: randomBytes(16).toString('hex') };
    try {
      await this.submit(signer, ClaimsTransaction.notifyLoss, [], {
        transientData: { [ClaimsTransientKey.notice]: Buffer.from(JSON.stringify(salted)) },
        insurerOnly: true,
      });
    } catch (error) {
      if (!(error instanceof LedgerRefusalError && error.code === LedgerErrorCode.alreadyExists))
        throw error;
    }
    await this.submit(
      'insurer',
      ClaimsTransaction.registerClaim,
      [notice.claimId, notice.policyId, notice.parametric?.triggerId ?? ''],
      {
        transientData: {
          [ClaimsTransientKey.fingerprints]: Buffer.from(JSON.stringify(fingerprints)),
        },
      },
    );
    return this.readBack(notice.claimId);
  }

  /** The step's arguments travel as transient data; the claim is read back from this peer. */
  async act(
    signer: Signer,
    claimId: string,
    action: ClaimAction,
    recipient: string,
    detail: string,
  ): Promise<ClaimRecord> {
    const step: ClaimStepArguments = {
      ...(recipient === '' ? {} : { recipient }),
      ...(detail === '' ? {} : { detail }),
    };
    await this.submit(signer, ClaimsTransaction.act, [claimId, action], {
      transientData: { [ClaimsTransientKey.step]: Buffer.from(JSON.stringify(step)) },
      insurerOnly: true,
    });
    return this.readBack(claimId);
  }

  async addDocument(
    signer: Signer,
    claimId: string,
    document: ClaimDocumentInput,
  ): Promise<ClaimRecord> {
    await this.submit(signer, ClaimsTransaction.addDocument, [claimId], {
      transientData: { [ClaimsTransientKey.document]: Buffer.from(JSON.stringify(document)) },
      insurerOnly: true,
    });
    return this.readBack(claimId);
  }

  /**
   * Copies the fields to the regulator and records the disclosure in the
   * claim's stub (decision 0035): endorsed by this insurer's peers alone, which
   * read the claim's details; they hand the values to the regulator's peer.
   */
  async discloseToRegulator(claimId: string, fields: readonly string[]): Promise<ClaimDisclosure> {
    return JSON.parse(
      await this.submit(
        'insurer',
        ClaimsTransaction.discloseToRegulator,
        [claimId, JSON.stringify(fields)],
        { insurerOnly: true },
      ),
    ) as ClaimDisclosure;
  }

  async readClaim(claimId: string): Promise<ClaimRecord | undefined> {
    return this.read<ClaimRecord>(ClaimsTransaction.readClaim, claimId);
  }

  /** The claim's public part, with its disclosures to the regulator. */
  async readClaimStub(claimId: string): Promise<ClaimStub | undefined> {
    return this.read<ClaimStub>(ClaimsTransaction.readClaimStub, claimId);
  }

  async readPolicy(policyId: string): Promise<CoverPolicyRecord | undefined> {
    return this.read<CoverPolicyRecord>(ClaimsTransaction.readPolicy, policyId);
  }

  /** A claim just written, read back whole from this insurer's peer. */
  private async readBack(claimId: string): Promise<ClaimRecord> {
    const record = await this.readClaim(claimId);
    if (record === undefined) throw new Error(`claim ${claimId} is not on this peer after commit`);
    return record;
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

  /**
   * `insurerOnly`: endorsed by this insurer's peers alone, for a transaction
   * that carries private data (its arguments reach the endorsing peers).
   */
  private async submit(
    signer: Signer,
    transaction: string,
    args: string[],
    options: { transientData?: Record<string, Uint8Array>; insurerOnly?: boolean } = {},
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
        ...(options.transientData === undefined ? {} : { transientData: options.transientData }),
        ...(options.insurerOnly === true ? { endorsingOrganizations: [this.platform.mspId] } : {}),
      })
    ).result;
  }
}
