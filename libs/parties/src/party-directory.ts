import { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LedgerParty } from '@pujiang/contracts';
import { IdentifyingCode, Party, loadParties, record, text } from '@pujiang/wallet';

/**
 * The parties a service acts for, each with its own Fabric identity in the
 * service's custody: who is who by directory id, by ledger identity and by
 * DCSA identifying code, and whom a caller may act as.
 */
export class PartyDirectory {
  constructor(
    /** The organisation the parties belong to (this service's). */
    readonly mspId: string,
    private readonly parties: readonly Party[],
  ) {}

  party(id: string): Party | undefined {
    return this.parties.find((p) => p.id === id);
  }

  partyOnLedger(ledgerParty: LedgerParty): Party | undefined {
    return this.parties.find((p) => p.ledgerParty === ledgerParty);
  }

  /** The party one of these DCSA identifying codes names, if any. */
  partyIdentifiedBy(codes: readonly IdentifyingCode[]): Party | undefined {
    return this.parties.find((p) =>
      p.identifyingCodes.some((mine) =>
        codes.some(
          (theirs) =>
            theirs.codeListProvider === mine.codeListProvider &&
            theirs.partyCode === mine.partyCode,
        ),
      ),
    );
  }

  /**
   * The party a caller (a verified token's subject and organisation) acts as:
   * its own, in this organisation only, and holding `role` in the directory
   * too when a role is asked for. Undefined when the caller may act as none.
   */
  actingParty(caller: { party: string; organisation: string }, role?: string): Party | undefined {
    const party = this.party(caller.party);
    if (party === undefined || caller.organisation !== this.mspId) return undefined;
    if (role !== undefined && !party.roles.includes(role)) return undefined;
    return party;
  }

  /** The identity the ledger gateway signs with when it acts as the party. */
  identityOf(party: Party): { mspId: string; certificatePem: string; privateKey: KeyObject } {
    return {
      mspId: this.mspId,
      certificatePem: party.certificatePem,
      privateKey: party.privateKey,
    };
  }
}

/** A directory file, read. */
export interface DirectoryFile {
  parties: PartyDirectory;
  /** The whole file, for the lists a service keeps beside its parties (carriers, platforms). */
  content: Record<string, unknown>;
  /** Where the file's relative paths (certificates, keys) start from. */
  baseDir: string;
}

/**
 * Reads a service's directory file (`{ "parties": [...] }`, more lists
 * allowed) with its parties' certificates and keys. Throws on the first
 * inconsistency: a service that cannot prove who its parties are must not start.
 */
export function readDirectoryFile(file: string, mspId: string): DirectoryFile {
  const content = record(JSON.parse(readFileSync(file, 'utf8')), 'directory');
  const baseDir = dirname(file);
  const parties = new PartyDirectory(mspId, loadParties(content.parties, baseDir, mspId));
  return { parties, content, baseDir };
}

/**
 * Reads the directory of a service that acts for parties of several
 * organisations (`{ "organisations": [{ "mspId", "parties": [...] }] }`):
 * one PartyDirectory per organisation, each party's certificate checked to be
 * of its organisation's MSP as readDirectoryFile checks it.
 */
export function readOrganisationsFile(file: string): ReadonlyMap<string, PartyDirectory> {
  const content = record(JSON.parse(readFileSync(file, 'utf8')), 'directory');
  if (!Array.isArray(content.organisations)) {
    throw new Error('directory: organisations must be a list');
  }
  const directories = new Map<string, PartyDirectory>();
  content.organisations.forEach((entry, i) => {
    const organisation = record(entry, `organisations[${i}]`);
    const mspId = text(organisation, 'mspId');
    if (directories.has(mspId)) throw new Error(`directory: ${mspId} is listed twice`);
    const parties = loadParties(organisation.parties, dirname(file), mspId);
    directories.set(mspId, new PartyDirectory(mspId, parties));
  });
  return directories;
}
