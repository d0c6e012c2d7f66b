import { Context, Contract } from 'fabric-contract-api';
import { ROLE_ATTRIBUTE } from '../../libs/contracts/src/ledger';
import { assertMayWrite } from './domain/read-only-callers';

/** What fabric-contract-api's @Transaction records for each transaction of a contract. */
interface DeclaredTransaction {
  name: string;
  tag?: string[];
}

/** The tag @Transaction(false) gives a query; every other transaction may write. */
const EVALUATE_TAG = 'EVALUATE';

/**
 * The base of every contract: before any transaction runs, a caller that
 * reads only (the regulator) is refused unless the transaction is a query.
 * fabric-contract-api calls beforeTransaction for every invocation, so no
 * transaction, present or added later, escapes the rule; one not declared a
 * query counts as a write.
 */
export abstract class LedgerContract extends Contract {
  // async: the refusal reaches the runtime as a rejected promise, as every other refusal does.
  // eslint-disable-next-line @typescript-eslint/require-await
  override async beforeTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    const transaction = fcn.slice(fcn.lastIndexOf(':') + 1);
    const identity = ctx.clientIdentity;
    assertMayWrite(identity.getMSPID(), identity.getAttributeValue(ROLE_ATTRIBUTE), {
      contract: this.getName(),
      transaction,
      writes: !isQuery(this, transaction),
    });
  }
}

/** Whether `transaction` is declared with @Transaction(false). */
function isQuery(contract: Contract, transaction: string): boolean {
  return declaredTransactions(contract).some(
    (t) => t.name === transaction && (t.tag ?? []).includes(EVALUATE_TAG),
  );
}

/** The transactions of a contract that may write: all but those declared with @Transaction(false). */
export function writeTransactions(contract: Contract): string[] {
  return declaredTransactions(contract)
    .filter((t) => !(t.tag ?? []).includes(EVALUATE_TAG))
    .map((t) => t.name);
}

/** fabric-contract-api keeps them as reflect-metadata on the contract's prototype. */
function declaredTransactions(contract: Contract): DeclaredTransaction[] {
  const reflect = Reflect as unknown as {
    getMetadata(key: string, target: object): DeclaredTransaction[] | undefined;
  };
  return (
    reflect.getMetadata('fabric:transactions', Object.getPrototypeOf(contract) as object) ?? []
  );
}
