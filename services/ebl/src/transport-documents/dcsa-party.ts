import { LedgerParty } from '@pujiang/contracts';
import { EblPlatform } from '../platform/ebl-platform';
import { DcsaParty } from './domain/endorsement-chain';

/**
 * Names ledger parties the DCSA way: our own parties from the directory;
 * anyone else (a party on another platform, recorded by PINT) by the
 * description the ledger keeps.
 */
export function dcsaPartyDescriber(platform: EblPlatform): (party: LedgerParty) => DcsaParty {
  return (ledgerParty) => {
    const party = platform.parties.partyOnLedger(ledgerParty);
    if (party !== undefined) {
      return {
        partyName: party.partyName,
        eblPlatform: platform.code,
        identifyingCodes: party.identifyingCodes,
      };
    }
    return {
      partyName: ledgerParty.slice(0, 70),
      eblPlatform: ledgerParty.startsWith('PINT:') ? (ledgerParty.split(':')[1] ?? 'UNKN') : 'UNKN',
      identifyingCodes: [{ codeListProvider: 'ZZZ', partyCode: ledgerParty.slice(0, 150) }],
    };
  };
}
