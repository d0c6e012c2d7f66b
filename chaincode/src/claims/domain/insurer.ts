import { LedgerErrorCode } from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';

/**
 * The insurer is its claims service: an admin identity of the insurer's MSP.
 * Other identities of that MSP (clerks, surveyors, customers hosted by the
 * same organisation) are parties, not the insurer.
 */
export function isInsurer(insurerMsp: string, invoker: Invoker): boolean {
  return invoker.isAdmin && invoker.mspId === insurerMsp;
}

export function assertInsurer(insurerMsp: string, invoker: Invoker, what: string): void {
  if (!isInsurer(insurerMsp, invoker)) {
    refuse(LedgerErrorCode.forbidden, `${what} may only be done by the insurer ${insurerMsp}`);
  }
}
