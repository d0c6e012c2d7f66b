import { ANCHORER_ATTRIBUTE, LedgerParty, ledgerParty } from '../../../libs/contracts/src/ledger';
import { Invoker } from '../domain/invoker';
import { FakeCaller, orgDomain } from './fake-context';

/** Someone who signs proposals in a test story: a certificate CN in an organisation. */
export interface Person {
  mspId: string;
  commonName: string;
  /** Node OU `admin`: the organisation's own service (eBL platform, claims service). */
  admin: boolean;
  /** Attributes its organisation's Fabric CA wrote into the certificate. */
  attributes?: Readonly<Record<string, string>>;
}

export function person(name: string, mspId: string, admin = false): Person {
  return { mspId, commonName: `${name}@${orgDomain(mspId)}`, admin };
}

/** The organisation's anchoring identity, enrolled as the local stack enrols it. */
export function anchorer(mspId: string): Person {
  return {
    ...person('Anchorer', mspId),
    attributes: { [ANCHORER_ATTRIBUTE.name]: ANCHORER_ATTRIBUTE.value },
  };
}

export function partyOf(who: Person): LedgerParty {
  return ledgerParty(who.mspId, who.commonName);
}

/** The fake ledger's caller for a person: its certificate's CN, node OU and attributes. */
export function callerOf(who: Person): FakeCaller {
  return {
    commonName: who.commonName,
    organizationalUnit: who.admin ? 'admin' : 'client',
    ...(who.attributes === undefined ? {} : { attributes: who.attributes }),
  };
}

/**
 * The invoker the pure rules see for a ledger party `Org1MSP::name`: no certificate, no
 * context, for the rule tests that call the domain functions directly.
 */
export function invoker(party: LedgerParty, isAdmin = false): Invoker {
  return { mspId: party.split('::')[0] ?? '', party, isAdmin };
}
