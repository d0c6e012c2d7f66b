import { Context } from 'fabric-contract-api';

/** Who signs a fake proposal: the subject of the client certificate. */
export interface FakeCaller {
  /** Certificate CN; `User1@<org domain>` when omitted. */
  commonName?: string;
  /** Node OU of the certificate: `client` for users, `admin` for the platform operator. */
  organizationalUnit?: string;
  /** Replaces the whole `getID()` value, to test identities the contract must refuse. */
  clientId?: string;
}

/**
 * A world-state stand-in for contract unit tests: just the parts of the stub
 * the contracts use, with writes visible to later transactions as on a peer
 * after commit. Integration tests exercise the real peer.
 */
export class FakeLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly events: { name: string; payload: string }[] = [];
  private txCounter = 0;

  context(
    mspId: string,
    txTime = new Date('2026-11-23T08:00:00.000Z'),
    caller: FakeCaller = {},
  ): Context {
    const txId = `tx-${++this.txCounter}`;
    const stub = {
      getState: (key: string) => Promise.resolve(this.state.get(key) ?? new Uint8Array()),
      putState: (key: string, value: Uint8Array) => {
        this.state.set(key, value);
        return Promise.resolve();
      },
      createCompositeKey: (type: string, attributes: string[]) =>
        `\u0000${type}\u0000${attributes.map((a) => `${a}\u0000`).join('')}`,
      getTxID: () => txId,
      getTxTimestamp: () => ({
        seconds: { toString: () => String(Math.floor(txTime.getTime() / 1000)) },
        nanos: (txTime.getTime() % 1000) * 1_000_000,
      }),
      setEvent: (name: string, payload: Uint8Array) => {
        this.events.push({ name, payload: Buffer.from(payload).toString('utf8') });
      },
    };
    const clientId = caller.clientId ?? fabricClientId(mspId, caller);
    const clientIdentity = { getMSPID: () => mspId, getID: () => clientId };
    return { stub, clientIdentity } as unknown as Context;
  }
}

/** The test network names organisations `Org1MSP` → `org1.pujiang.test`. */
export function orgDomain(mspId: string): string {
  return `${mspId.replace(/MSP$/, '').toLowerCase()}.pujiang.test`;
}

/**
 * `ClientIdentity.getID()` exactly as fabric-shim builds it from a cryptogen
 * certificate, including its habit of escaping only the first `/` of a value.
 */
function fabricClientId(mspId: string, caller: FakeCaller): string {
  const domain = orgDomain(mspId);
  const dn = (attributes: [string, string][]) =>
    attributes.map(([name, value]) => `/${name}=${value.replace('/', '\\/')}`).join('');
  const location: [string, string][] = [
    ['C', 'US'],
    ['ST', 'California'],
    ['L', 'San Francisco'],
  ];
  const subject = dn([
    ...location,
    ['OU', caller.organizationalUnit ?? 'client'],
    ['CN', caller.commonName ?? `User1@${domain}`],
  ]);
  const issuer = dn([...location, ['O', domain], ['CN', `ca.${domain}`]]);
  return `x509::${subject}::${issuer}`;
}
