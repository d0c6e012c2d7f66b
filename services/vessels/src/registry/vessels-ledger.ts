import { Injectable } from '@nestjs/common';
import {
  SEAFARER_DETAILS_TRANSIENT_KEY,
  VESSELS_CONTRACT,
  VesselTransaction,
  type CrewListRecord,
  type MasterCertificateVerdict,
  type SeafarerCertificateRecord,
  type VesselRecord,
} from '@pujiang/contracts';
import { LedgerGateway, problemFromLedger } from '@pujiang/ledger-client';
import { Party } from '@pujiang/wallet';
import { VesselsPlatform } from '../platform/vessels-platform';

type VesselChangeTransaction =
  | typeof VesselTransaction.register
  | typeof VesselTransaction.amendRegistration
  | typeof VesselTransaction.deregister
  | typeof VesselTransaction.transferOwnership
  | typeof VesselTransaction.appointManager
  | typeof VesselTransaction.changeClass
  | typeof VesselTransaction.recordCertificate
  | typeof VesselTransaction.withdrawCertificate;

/**
 * The Vessels chaincode contract. Every change is signed by the party that
 * makes it, so the chaincode (not this service) decides whether it may; a
 * refusal comes back as the problem it is (problemFromLedger).
 */
@Injectable()
export class VesselsLedger {
  constructor(
    private readonly gateway: LedgerGateway,
    private readonly platform: VesselsPlatform,
  ) {}

  async change(
    party: Party,
    transaction: VesselChangeTransaction,
    args: string[],
  ): Promise<VesselRecord> {
    return JSON.parse(await this.submit(party, transaction, args)) as VesselRecord;
  }

  /**
   * Two transactions (as claims' notices, decision 0009): the details into
   * the employer's collection, endorsed by its own peers only, so no other
   * organisation's peer receives them; then the public record, which every
   * organisation endorses knowing only the details' hash.
   */
  async recordSeafarerCertificate(
    party: Party,
    details: object,
  ): Promise<SeafarerCertificateRecord> {
    const publication = await this.submit(
      party,
      VesselTransaction.recordSeafarerCertificateDetails,
      [],
      {
        transientData: { [SEAFARER_DETAILS_TRANSIENT_KEY]: Buffer.from(JSON.stringify(details)) },
        endorsingOrganizations: [this.platform.mspId],
      },
    );
    return JSON.parse(
      await this.submit(party, VesselTransaction.recordSeafarerCertificate, [publication]),
    ) as SeafarerCertificateRecord;
  }

  async recordCrewList(party: Party, imoNumber: string, list: object): Promise<CrewListRecord> {
    return JSON.parse(
      await this.submit(party, VesselTransaction.recordCrewList, [imoNumber, JSON.stringify(list)]),
    ) as CrewListRecord;
  }

  async readVessel(imoNumber: string): Promise<VesselRecord> {
    return JSON.parse(
      await this.evaluate(VesselTransaction.readVessel, [imoNumber]),
    ) as VesselRecord;
  }

  async readCrewList(imoNumber: string, voyageId: string): Promise<CrewListRecord> {
    return JSON.parse(
      await this.evaluate(VesselTransaction.readCrewList, [imoNumber, voyageId]),
    ) as CrewListRecord;
  }

  async verifyMasterCertificate(imoNumber: string, at: string): Promise<MasterCertificateVerdict> {
    return JSON.parse(
      await this.evaluate(VesselTransaction.verifyMasterCertificate, [imoNumber, at]),
    ) as MasterCertificateVerdict;
  }

  private async evaluate(transaction: string, args: string[]): Promise<string> {
    try {
      return await this.gateway.evaluate({ contract: VESSELS_CONTRACT, transaction, args });
    } catch (error) {
      throw problemFromLedger(error);
    }
  }

  private async submit(
    party: Party,
    transaction: string,
    args: string[],
    options: { transientData?: Record<string, Uint8Array>; endorsingOrganizations?: string[] } = {},
  ): Promise<string> {
    try {
      const session = this.gateway.actingAs(this.platform.parties.identityOf(party));
      return (await session.submit({ contract: VESSELS_CONTRACT, transaction, args, ...options }))
        .result;
    } catch (error) {
      throw problemFromLedger(error);
    }
  }
}
