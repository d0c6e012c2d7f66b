import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Principal } from '@pujiang/auth';
import { LedgerParty } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { LedgerConfig, LedgerIdentity } from '@pujiang/ledger-client';
import { Party, loadParties, record } from '@pujiang/wallet';
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
  private readonly parties: Party[];

  constructor(config: ClaimsConfig, ledger: LedgerConfig) {
    this.mspId = ledger.FABRIC_MSP_ID;
    const file = config.CLAIMS_DIRECTORY_FILE;
    const directory = record(JSON.parse(readFileSync(file, 'utf8')), 'directory');
    this.parties = loadParties(directory.parties, dirname(file), ledger.FABRIC_MSP_ID);
    this.fingerprintKey = Buffer.from(
      readFileSync(config.CLAIMS_FINGERPRINT_KEY_FILE, 'utf8').trim(),
      'hex',
    );
    if (this.fingerprintKey.length < 32) {
      throw new Error('CLAIMS_FINGERPRINT_KEY_FILE must hold at least 32 bytes of hex');
    }
  }

  party(id: string): Party | undefined {
    return this.parties.find((p) => p.id === id);
  }

  partyOnLedger(ledgerParty: LedgerParty): Party | undefined {
    return this.parties.find((p) => p.ledgerParty === ledgerParty);
  }

  /** The caller's own party, which must hold `role` in the directory too. */
  actingParty(principal: Principal, role: string): Party {
    const party = this.party(principal.party);
    if (
      party === undefined ||
      principal.organisation !== this.mspId ||
      !party.roles.includes(role)
    ) {
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

  identityOf(party: Party): LedgerIdentity {
    return {
      mspId: this.mspId,
      certificatePem: party.certificatePem,
      privateKey: party.privateKey,
    };
  }
}
