import { LedgerParty, ledgerParty } from '../../../libs/contracts/src/ledger';
import { Invoker } from '../domain/invoker';
import { orgDomain } from './fake-context';

/** Someone who signs proposals in a test story: a certificate CN in an organisation. */
export interface Person {
  mspId: string;
  commonName: string;
  /** Node OU `admin`: the organisation's own service (eBL platform, claims service). */
  admin: boolean;
}

export function person(name: string, mspId: string, admin = false): Person {
  return { mspId, commonName: `${name}@${orgDomain(mspId)}`, admin };
}

export function partyOf(who: Person): LedgerParty {
  return ledgerParty(who.mspId, who.commonName);
}

/** The fake ledger's caller for a person: its CN and node OU. */
export function callerOf(who: Person): { commonName: string; organizationalUnit: string } {
  return { commonName: who.commonName, organizationalUnit: who.admin ? 'admin' : 'client' };
}

/**
 * The invoker the pure rules see for a ledger party `Org1MSP::name`: no certificate, no
 * context, for the rule tests that call the domain functions directly.
 */
export function invoker(party: LedgerParty, isAdmin = false): Invoker {
  return { mspId: party.split('::')[0] ?? '', party, isAdmin };
}
