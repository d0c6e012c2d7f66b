import { createHash } from 'node:crypto';
import { Context } from 'fabric-contract-api';
import { ChaincodeStub, ClientIdentity } from 'fabric-shim';
import { DistinguishedName, issueCertificate } from './certificates';

/** Who signs a fake proposal: the subject of the client certificate. */
export interface FakeCaller {
  /** Certificate CN; `User1@<org domain>` when omitted. */
  commonName?: string;
  /** Node OU of the certificate: `client` for users, `admin` for the platform operator. */
  organizationalUnit?: string;
  /** Fabric CA attributes in the certificate (`pujiang.role` …). */
  attributes?: Readonly<Record<string, string>>;
  /** Replaces the whole `getID()` value, to test identities the contract must refuse. */
  clientId?: string;
}

/** What a proposal carries besides its arguments, and where it is endorsed. */
export interface FakeProposal {
  /** The transient map: reaches the chaincode, never the block. */
  transient?: Readonly<Record<string, string | Uint8Array>>;
  /** MSP of the endorsing peer; the client's own organisation when omitted. */
  peerMspId?: string;
  /** The invoked function as the peer names it (`Claims:act`), for beforeTransaction. */
  transaction?: string;
}

/** A private data collection as the peer enforces it (see collectionsFromConfig). */
export interface FakeCollection {
  name: string;
  /** MSPs whose peers hold the data (the collection's member policy). */
  members: readonly string[];
  memberOnlyRead: boolean;
  memberOnlyWrite: boolean;
}

/**
 * A world-state stand-in for contract unit tests: just the parts of the stub
 * the contracts use, with writes visible to later transactions as on a peer
 * after commit. Integration tests exercise the real peer.
 */
export class FakeLedger {
  readonly state = new Map<string, Uint8Array>();
  /** Private data, by collection then key; on a network only member peers hold the values. */
  readonly privateState = new Map<string, Map<string, Uint8Array>>();
  readonly events: { name: string; payload: string }[] = [];
  /** Key-level endorsement policies (setStateValidationParameter), as their bytes. */
  readonly keyPolicies = new Map<string, Uint8Array>();
  private txCounter = 0;

  constructor(private readonly collections: readonly FakeCollection[] = []) {}

  context(
    mspId: string,
    txTime = new Date('2026-11-23T08:00:00.000Z'),
    caller: FakeCaller = {},
    proposal: FakeProposal = {},
  ): Context {
    const txId = `tx-${++this.txCounter}`;
    const peerMspId = proposal.peerMspId ?? mspId;
    const stub = {
      getState: (key: string) => Promise.resolve(this.state.get(key) ?? new Uint8Array()),
      putState: (key: string, value: Uint8Array) => {
        this.state.set(key, value);
        return Promise.resolve();
      },
      createCompositeKey,
      getStateByPartialCompositeKey: (type: string, attributes: string[]) =>
        entriesFrom(this.state, createCompositeKey(type, attributes)),
      getTransient: () => transientMap(proposal.transient ?? {}),
      getPrivateData: (collection: string, key: string) => {
        const { members } = this.collection(collection, mspId, 'read');
        // A peer outside the collection holds only hashes: the value reads as absent.
        const held = members.includes(peerMspId)
          ? this.privateState.get(collection)?.get(key)
          : undefined;
        return Promise.resolve(held ?? new Uint8Array());
      },
      // Every peer of the channel holds the hashes of every collection's values.
      getPrivateDataHash: (collection: string, key: string) => {
        this.collection(collection, mspId, 'hash');
        const held = this.privateState.get(collection)?.get(key);
        return Promise.resolve(
          held === undefined ? new Uint8Array() : createHash('sha256').update(held).digest(),
        );
      },
      setStateValidationParameter: (key: string, policy: Uint8Array) => {
        this.keyPolicies.set(key, policy);
        return Promise.resolve();
      },
      putPrivateData: (collection: string, key: string, value: Uint8Array) => {
        this.collection(collection, mspId, 'write');
        const values = this.privateState.get(collection) ?? new Map<string, Uint8Array>();
        this.privateState.set(collection, values.set(key, value));
        return Promise.resolve();
      },
      getFunctionAndParameters: () => ({ fcn: proposal.transaction ?? '', params: [] }),
      getTxID: () => txId,
      getTxTimestamp: () => ({
        seconds: { toString: () => String(Math.floor(txTime.getTime() / 1000)) },
        nanos: (txTime.getTime() % 1000) * 1_000_000,
      }),
      setEvent: (name: string, payload: Uint8Array) => {
        this.events.push({ name, payload: Buffer.from(payload).toString('utf8') });
      },
    };
    return { stub, clientIdentity: clientIdentityOf(mspId, txId, caller) } as unknown as Context;
  }

  /** The peer's checks before any private data access, with its error messages. */
  private collection(
    name: string,
    clientMspId: string,
    access: 'read' | 'write' | 'hash',
  ): FakeCollection {
    const found = this.collections.find((c) => c.name === name);
    if (found === undefined) throw new Error(`collection ${name} could not be found`);
    if (access === 'hash') return found;
    const memberOnly = access === 'read' ? found.memberOnlyRead : found.memberOnlyWrite;
    if (memberOnly && !found.members.includes(clientMspId)) {
      throw new Error(
        `tx creator does not have ${access} access permission on privatedata in chaincodeName:pujiang collectionName: ${name}`,
      );
    }
    return found;
  }
}

function createCompositeKey(type: string, attributes: string[]): string {
  return `\u0000${type}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`;
}

/** A range read: the keys under a prefix in byte order, as the peer returns them. */
async function* entriesFrom(
  state: ReadonlyMap<string, Uint8Array>,
  prefix: string,
): AsyncGenerator<{ key: string; value: Uint8Array }> {
  const keys = [...state.keys()].filter((k) => k.startsWith(prefix)).sort();
  for (const key of keys) {
    const value = state.get(key);
    if (value !== undefined) yield await Promise.resolve({ key, value });
  }
}

function transientMap(
  values: Readonly<Record<string, string | Uint8Array>>,
): Map<string, Uint8Array> {
  return new Map(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : v]),
  );
}

/**
 * The collections of a Fabric collections_config.json, as the fake enforces
 * them: members are read from the `OR('<msp>.member', …)` policy.
 */
export function collectionsFromConfig(json: string): FakeCollection[] {
  const config = JSON.parse(json) as {
    name: string;
    policy: string;
    memberOnlyRead?: boolean;
    memberOnlyWrite?: boolean;
  }[];
  return config.map((c) => ({
    name: c.name,
    members: [...c.policy.matchAll(/'([^'.]+)\.member'/g)].map((m) => m[1] ?? ''),
    memberOnlyRead: c.memberOnlyRead === true,
    memberOnlyWrite: c.memberOnlyWrite === true,
  }));
}

/** The test network names organisations `Org1MSP` → `org1.pujiang.test`. */
export function orgDomain(mspId: string): string {
  return `${mspId.replace(/MSP$/, '').toLowerCase()}.pujiang.test`;
}

/**
 * fabric-shim's own ClientIdentity over a certificate shaped like the test
 * network's (cryptogen's subject and issuer, the caller's OU, CN and
 * attributes), so ids and attributes are read exactly as on a peer.
 */
function clientIdentityOf(mspId: string, txId: string, caller: FakeCaller): ClientIdentity {
  const domain = orgDomain(mspId);
  const location: DistinguishedName = [
    ['C', 'US'],
    ['ST', 'California'],
    ['L', 'San Francisco'],
  ];
  const certificate = issueCertificate({
    subject: [
      ...location,
      ['OU', caller.organizationalUnit ?? 'client'],
      ['CN', caller.commonName ?? `User1@${domain}`],
    ],
    issuer: [...location, ['O', domain], ['CN', `ca.${domain}`]],
    ...(caller.attributes === undefined ? {} : { attributes: caller.attributes }),
  });
  const creator = { mspid: mspId, idBytes: Buffer.from(certificate) };
  const identity = new ClientIdentity({
    getChannelID: () => 'pujiang',
    getTxID: () => txId,
    getCreator: () => creator,
  } as unknown as ChaincodeStub);
  const { clientId } = caller;
  if (clientId !== undefined) identity.getID = () => clientId;
  return identity;
}
