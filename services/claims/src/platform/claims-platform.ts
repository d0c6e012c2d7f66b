import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { Principal } from '@pujiang/auth';
import { ProblemException } from '@pujiang/http';
import { LedgerConfig } from '@pujiang/ledger-client';
import { PartyDirectory, readDirectoryFile } from '@pujiang/parties';
import { Party } from '@pujiang/wallet';
import { ClaimsConfig } from './claims.config';

/**
 * This insurer as the claims service sees it: its organisation, the parties
 * it acts for (claimants, surveyors) with their own ledger identities, and
 * the consortium's fingerprint key.
 */
@Injectable()
export class ClaimsPlatform {
  readonly mspId: string;
  readonly fingerprintKey: Buffer;
  /** The claimants and surveyors this insurer acts for, each with its own ledger identity. */
  readonly parties: PartyDirectory;

  constructor(config: ClaimsConfig, ledger: LedgerConfig) {
    this.mspId = ledger.FABRIC_MSP_ID;
    this.parties = readDirectoryFile(config.CLAIMS_DIRECTORY_FILE, ledger.FABRIC_MSP_ID).parties;
    this.fingerprintKey = Buffer.from(
      readFileSync(config.CLAIMS_FINGERPRINT_KEY_FILE, 'utf8').trim(),
      'hex',
    );
    if (this.fingerprintKey.length < 32) {
      throw new Error('CLAIMS_FINGERPRINT_KEY_FILE must hold at least 32 bytes of hex');
    }
  }

  /** The caller's own party, which must hold `role` in the directory too. */
  actingParty(principal: Principal, role: string): Party {
    const party = this.parties.actingParty(principal, role);
    if (party === undefined) {
      throw new ProblemException(
        403,
        `the caller is not a ${role.replace('claims:', '')} of this insurer`,
      );
    }
    return party;
  }

  /** Insurer staff act through the service's own (operator) identity. */
  requireInsurer(principal: Principal): void {
    if (principal.organisation !== this.mspId || !principal.roles.includes('claims:insurer')) {
      throw new ProblemException(403, 'only this insurer may do this');
    }
  }
}
