import { KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { LedgerConfig } from '@pujiang/ledger-client';
import { PartyDirectory } from '@pujiang/parties';
import { EblConfig } from './ebl.config';
import { Carrier, Directory, Party, Platform, loadDirectory } from './directory';

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
  /** The parties this platform acts for, each with its own ledger identity. */
  readonly parties: PartyDirectory;
  private readonly directory: Directory;

  constructor(config: EblConfig, ledger: LedgerConfig) {
    this.code = config.EBL_PLATFORM_CODE;
    this.mspId = ledger.FABRIC_MSP_ID;
    this.signingKey = createPrivateKey(readFileSync(config.EBL_SIGNING_KEY_FILE));
    this.publicKey = createPublicKey(this.signingKey);
    this.directory = loadDirectory(config.EBL_DIRECTORY_FILE, ledger.FABRIC_MSP_ID);
    this.parties = this.directory.parties;
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
}
