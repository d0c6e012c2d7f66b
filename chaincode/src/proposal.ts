import { Context } from 'fabric-contract-api';
import { Invoker, invokerFrom } from './domain/invoker';
import { Stamp } from './domain/stamp';
import { transactionTime } from './transaction-time';

/** Who signed the proposal, as a ledger party; refused when it cannot be named. */
export function invokerOf(ctx: Context): Invoker {
  return invokerFrom(ctx.clientIdentity.getMSPID(), ctx.clientIdentity.getID());
}

/** The transaction id and time every write records, both taken from the proposal. */
export function stampOf(ctx: Context): Stamp {
  return { txId: ctx.stub.getTxID(), at: transactionTime(ctx) };
}
