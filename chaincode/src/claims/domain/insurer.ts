import { LedgerErrorCode, LedgerRole } from '../../../../libs/contracts/src/ledger';
import { Invoker, actsAs, roleAttribute } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';

/**
 * The insurer is its claims service: the identity of the insurer's MSP whose
 * certificate carries the insurer role. Other identities of that MSP (clerks,
 * surveyors, customers hosted by the same organisation, its eBL platform) are
 * parties, not the insurer.
 */
export function isInsurer(insurerMsp: string, invoker: Invoker): boolean {
  return actsAs(invoker, LedgerRole.insurer, insurerMsp);
}

export function assertInsurer(insurerMsp: string, invoker: Invoker, what: string): void {
  if (!isInsurer(insurerMsp, invoker)) {
    refuse(
      LedgerErrorCode.forbidden,
      `${what} may only be done by the insurer ${insurerMsp} (${roleAttribute(LedgerRole.insurer)})`,
    );
  }
}
