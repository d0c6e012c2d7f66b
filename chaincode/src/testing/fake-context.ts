import { Context } from 'fabric-contract-api';

/**
 * A world-state stand-in for contract unit tests: just the parts of the stub
 * the contracts use, with writes visible to later transactions as on a peer
 * after commit. Integration tests exercise the real peer.
 */
export class FakeLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly events: { name: string; payload: string }[] = [];
  private txCounter = 0;

  context(mspId: string, txTime = new Date('2026-11-23T08:00:00.000Z')): Context {
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
    const clientIdentity = { getMSPID: () => mspId };
    return { stub, clientIdentity } as unknown as Context;
  }
}
