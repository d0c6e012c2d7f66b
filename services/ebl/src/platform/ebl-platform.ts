import { KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { LedgerParty } from '@pujiang/contracts';
import { LedgerConfig, LedgerIdentity } from '@pujiang/ledger-client';
import { EblConfig } from './ebl.config';
import { Carrier, Directory, IdentifyingCode, Party, Platform, loadDirectory } from './directory';

/**
 * This platform as the rest of the service sees it: its code and signing
 * key, and who is who among parties, carriers and other platforms.
 */
@Injectable()
export class EblPlatform {
  readonly code: string;
  readonly mspId: string;
  readonly signingKey: KeyObject;
  readonly publicKey: KeyObject;
  private readonly directory: Directory;

  constructor(config: EblConfig, ledger: LedgerConfig) {
    this.code = config.EBL_PLATFORM_CODE;
    this.mspId = ledger.FABRIC_MSP_ID;
    this.signingKey = createPrivateKey(readFileSync(config.EBL_SIGNING_KEY_FILE));
    this.publicKey = createPublicKey(this.signingKey);
    this.directory = loadDirectory(config.EBL_DIRECTORY_FILE, ledger.FABRIC_MSP_ID);
  }

  party(id: string): Party | undefined {
    return this.directory.parties.find((p) => p.id === id);
  }

  partyOnLedger(ledgerParty: LedgerParty): Party | undefined {
    return this.directory.parties.find((p) => p.ledgerParty === ledgerParty);
  }

  /** The local party one of these DCSA identifying codes names, if any. */
  partyIdentifiedBy(codes: readonly IdentifyingCode[]): Party | undefined {
    return this.directory.parties.find((p) =>
      p.identifyingCodes.some((mine) =>
        codes.some(
          (theirs) =>
            theirs.codeListProvider === mine.codeListProvider &&
            theirs.partyCode === mine.partyCode,
        ),
      ),
    );
  }

  carrier(carrierCode: string): Carrier | undefined {
    return this.directory.carriers.find((c) => c.carrierCode === carrierCode);
  }

  carrierActingAs(party: Party): Carrier | undefined {
    return this.directory.carriers.find((c) => c.party.id === party.id);
  }

  /** The key a carrier signs issuance manifests with, whether it issues here or elsewhere. */
  carrierKey(carrierCode: string): KeyObject | undefined {
    return (
      this.carrier(carrierCode)?.publicKey ??
      this.directory.knownCarriers.find((c) => c.carrierCode === carrierCode)?.publicKey
    );
  }

  /** A platform's key; our own too, since chains we sent earlier come back signed by us. */
  platformKey(code: string): KeyObject | undefined {
    return code === this.code ? this.publicKey : this.platform(code)?.publicKey;
  }

  /** Every key that may sign a PINT chain: other platforms', ours, and carriers' (issuance manifests). */
  trustedKeys(): { platforms: Map<string, KeyObject>; carriers: Map<string, KeyObject> } {
    const platforms = new Map(this.directory.platforms.map((p) => [p.code, p.publicKey]));
    platforms.set(this.code, this.publicKey);
    const carriers = new Map(this.directory.knownCarriers.map((c) => [c.carrierCode, c.publicKey]));
    for (const c of this.directory.carriers) carriers.set(c.carrierCode, c.publicKey);
    return { platforms, carriers };
  }

  platform(code: string): Platform | undefined {
    return this.directory.platforms.find((p) => p.code === code);
  }

  identityOf(party: Party): LedgerIdentity {
    return {
      mspId: this.mspId,
      certificatePem: party.certificatePem,
      privateKey: party.privateKey,
    };
  }
}
