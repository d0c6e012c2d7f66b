import { Injectable } from '@nestjs/common';
import { Principal } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { LedgerConfig } from '@pujiang/ledger-client';
import { PartyDirectory, readDirectoryFile } from '@pujiang/parties';
import { Party } from '@pujiang/wallet';
import { VesselRole } from '../domain/vessel-roles';
import { VesselsConfig } from './vessels.config';

export { ANY_VESSEL_ROLE, VesselRole } from '../domain/vessel-roles';

/**
 * This organisation's vessel parties, each with its own ledger identity: the
 * service signs as the caller's own party, and the chaincode decides whether
 * that party is entitled to the field it writes.
 */
@Injectable()
export class VesselsPlatform {
  readonly mspId: string;
  readonly parties: PartyDirectory;

  constructor(config: VesselsConfig, ledger: LedgerConfig) {
    this.mspId = ledger.FABRIC_MSP_ID;
    this.parties = readDirectoryFile(config.VESSELS_DIRECTORY_FILE, ledger.FABRIC_MSP_ID).parties;
  }

  /** The caller's own party of this organisation, holding one of `roles` in the directory. */
  actingParty(principal: Principal, ...roles: VesselRole[]): Party {
    for (const role of roles) {
      if (!principal.roles.includes(role)) continue;
      const party = this.parties.actingParty(principal, role);
      if (party !== undefined) return party;
    }
    throw new ProblemException(
      403,
      `the caller is no ${roles.map((r) => r.replace('vessels:', '')).join(' or ')} of ${this.mspId}`,
    );
  }
}
