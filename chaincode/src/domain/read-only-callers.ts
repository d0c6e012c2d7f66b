import { LedgerErrorCode, LedgerRole, REGULATOR_MSP_ID } from '../../../libs/contracts/src/ledger';
import { refuse } from './refusal';

/** A call of a contract's transaction, as the write rule judges it. */
export interface TransactionCall {
  contract: string;
  transaction: string;
  /** False only for a transaction the contract declares an evaluation (a query). */
  writes: boolean;
}

/**
 * The supervisor reads and never writes (decision 0035): any identity of its
 * organisation, and any certificate whose organisation's CA gave it the
 * regulator role. The channel's Writers policy already keeps its clients'
 * transactions from the orderer; this is the chaincode's own refusal, so a
 * changed channel policy, or a regulator role given by a trading
 * organisation's CA, still writes nothing.
 */
export function readsOnly(mspId: string, role: string | null): boolean {
  return mspId === REGULATOR_MSP_ID || role === LedgerRole.regulator;
}

/** Refuses a read-only caller every transaction that is not a query, one rule for every contract. */
export function assertMayWrite(mspId: string, role: string | null, call: TransactionCall): void {
  if (call.writes && readsOnly(mspId, role)) {
    refuse(
      LedgerErrorCode.forbidden,
      `${call.contract}.${call.transaction} writes to the ledger, and the regulator (${mspId}${role === null ? '' : `, role ${role}`}) reads only`,
    );
  }
}
