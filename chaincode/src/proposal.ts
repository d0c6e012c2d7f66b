import { Context } from 'fabric-contract-api';
import { Invoker, invokerFrom } from './domain/invoker';
import { Stamp } from './domain/stamp';
import { transactionTime } from './transaction-time';

/**
 * Who signed the proposal, as a ledger party with the role its certificate's
 * attributes give it; refused when it cannot be named.
 */
export function invokerOf(ctx: Context): Invoker {
  const identity = ctx.clientIdentity;
  return invokerFrom(identity.getMSPID(), identity.getID(), (name) =>
    identity.getAttributeValue(name),
  );
}

/** The transaction id and time every write records, both taken from the proposal. */
export function stampOf(ctx: Context): Stamp {
  return { txId: ctx.stub.getTxID(), at: transactionTime(ctx) };
}
