import { LedgerErrorCode, ledgerErrorMessage } from '../../../libs/contracts/src/ledger';

/**
 * Ends the transaction with a coded refusal (`CODE: detail`). Typed `never` so
 * a refusal can stand where a value is expected (`found ?? refuse(...)`).
 */
export function refuse(code: LedgerErrorCode, detail: string): never {
  throw new Error(ledgerErrorMessage(code, detail));
}
