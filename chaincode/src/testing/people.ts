import {
  CARRIER_CODE_ATTRIBUTE,
  FLAG_STATE_ATTRIBUTE,
  LedgerParty,
  LedgerRole,
  ROLE_ATTRIBUTE,
  ledgerParty,
} from '../../../libs/contracts/src/ledger';
import { Invoker } from '../domain/invoker';
import { FakeCaller, orgDomain } from './fake-context';

/** Someone who signs proposals in a test story: a certificate CN in an organisation. */
export interface Person {
  mspId: string;
  commonName: string;
  /** Node OU of the certificate; `client` when omitted. It grants no role. */
  organizationalUnit?: string;
  /** Attributes its organisation's Fabric CA wrote into the certificate. */
  attributes?: Readonly<Record<string, string>>;
}

/**
 * A person of an organisation; with a role, enrolled as the local stack
 * enrols its services and parties (`pujiang.role`, and a carrier's
 * `pujiang.carrier` or a flag state's `pujiang.flag` as `qualifier`).
 */
export function person(name: string, mspId: string, role?: LedgerRole, qualifier?: string): Person {
  const who = { mspId, commonName: `${name}@${orgDomain(mspId)}` };
  if (role === undefined) return who;
  const qualifierAttribute =
    role === LedgerRole.flagState ? FLAG_STATE_ATTRIBUTE : CARRIER_CODE_ATTRIBUTE;
  return {
    ...who,
    attributes: {
      [ROLE_ATTRIBUTE]: role,
      ...(qualifier === undefined ? {} : { [qualifierAttribute]: qualifier }),
    },
  };
}

/** The organisation's anchoring identity, enrolled as the local stack enrols it. */
export function anchorer(mspId: string): Person {
  return person('Anchorer', mspId, LedgerRole.anchorer);
}

/** cryptogen's Admin of the organisation: node OU `admin`, no role attribute. */
export function orgAdmin(mspId: string): Person {
  return { ...person('Admin', mspId), organizationalUnit: 'admin' };
}

export function partyOf(who: Person): LedgerParty {
  return ledgerParty(who.mspId, who.commonName);
}

/** The fake ledger's caller for a person: its certificate's CN, node OU and attributes. */
export function callerOf(who: Person): FakeCaller {
  return {
    commonName: who.commonName,
    organizationalUnit: who.organizationalUnit ?? 'client',
    ...(who.attributes === undefined ? {} : { attributes: who.attributes }),
  };
}

/**
 * The invoker the pure rules see for a ledger party `Org1MSP::name`: no certificate, no
 * context, for the rule tests that call the domain functions directly.
 */
export function invoker(party: LedgerParty, role?: LedgerRole, carrierCode?: string): Invoker {
  return {
    mspId: party.split('::')[0] ?? '',
    party,
    ...(role === undefined ? {} : { role }),
    ...(carrierCode === undefined ? {} : { carrierCode }),
  };
}
