import { Context } from 'fabric-contract-api';

/**
 * The proposal's timestamp, set by the client and the same on every endorsing
 * peer; the peer's own clock would make endorsements disagree.
 */
export function transactionTime(ctx: Context): string {
  const ts = ctx.stub.getTxTimestamp();
  const seconds = BigInt(ts.seconds.toString());
  const millis = seconds * 1000n + BigInt(Math.floor(ts.nanos / 1_000_000));
  return new Date(Number(millis)).toISOString();
}
