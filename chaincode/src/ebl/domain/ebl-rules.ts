import {
  EBL_TRANSITIONS,
  EblAction,
  EblRole,
  EblStatus,
  EblTransition,
  LedgerErrorCode,
  LedgerRole,
  transitionFor,
} from '../../../../libs/contracts/src/ledger';
import { ActRequest, effectOf } from './ebl-effects';
import { Stamp } from '../../domain/stamp';
import { EblState } from './ebl-state';
import { Invoker, actsAs, roleAttribute } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';

export type { ActRequest } from './ebl-effects';

const ACTIONS: readonly string[] = Object.values(EblAction);

/** Why a status admits no such action, in the words a holder would use. */
const STATUS_MEANING: Record<EblStatus, string> = {
  [EblStatus.issued]: 'the document is in circulation and nothing is pending',
  [EblStatus.transferPending]: 'a transfer is already pending',
  [EblStatus.surrenderForDeliveryPending]: 'a surrender for delivery is pending',
  [EblStatus.surrenderForAmendmentPending]: 'a surrender for amendment is pending',
  [EblStatus.surrendered]: 'the document has been surrendered for delivery and is accomplished',
  [EblStatus.surrenderedForAmendment]: 'the document has been surrendered for amendment',
  [EblStatus.voided]: 'the document is void',
  [EblStatus.exportPending]: 'a transfer to another platform is pending',
  [EblStatus.exported]: 'the document has been transferred to another platform',
};

/**
 * Decides one post-issuance action: the only place a record changes after
 * issue. Checks run in a fixed order so that a refusal names the first thing
 * wrong: unknown action, then status (EBL_TRANSITIONS), then the invoker's
 * role, then the action's own rules and arguments.
 */
export function decideAct(
  record: EblState,
  invoker: Invoker,
  request: ActRequest,
  stamp: Stamp,
): EblState {
  if (!ACTIONS.includes(request.action)) {
    refuse(LedgerErrorCode.invalidArgument, `unknown action '${request.action}'`);
  }
  const action = request.action as EblAction;
  const transition =
    transitionFor(action, record.status) ??
    refuse(LedgerErrorCode.invalidState, notInStatus(action, record.status));
  assertRole(record, invoker, transition);
  const effect = effectOf(action, record, request);
  return {
    ...effect.record,
    status: transition.to,
    chain: [
      ...record.chain,
      { action, actor: invoker.party, ...effect.entry, txId: stamp.txId, at: stamp.at },
    ],
    lastTxId: stamp.txId,
    updatedAt: stamp.at,
  };
}

export function hasRole(record: EblState, invoker: Invoker, role: EblRole): boolean {
  switch (role) {
    case EblRole.holder:
      return invoker.party === record.holder;
    case EblRole.pendingRecipient:
      return record.pending !== undefined && invoker.party === record.pending.recipient;
    case EblRole.issuer:
      return invoker.party === record.issuer;
    case EblRole.platform:
      // The operator acts for its own platform only, never for another organisation's records.
      return actsAs(invoker, LedgerRole.platformOperator, record.platform);
  }
}

function assertRole(record: EblState, invoker: Invoker, transition: EblTransition): void {
  if (hasRole(record, invoker, transition.by)) return;
  const who: Record<EblRole, string> = {
    [EblRole.holder]: 'the holder',
    [EblRole.pendingRecipient]: 'the party the pending transfer is offered to',
    [EblRole.issuer]: 'the issuer',
    [EblRole.platform]: `the operator of the platform ${record.platform} (${roleAttribute(LedgerRole.platformOperator)})`,
  };
  refuse(
    LedgerErrorCode.forbidden,
    `${transition.action} on ${record.transportDocumentReference} may only be taken by ${who[transition.by]}`,
  );
}

function notInStatus(action: EblAction, status: EblStatus): string {
  const from = EBL_TRANSITIONS.filter((t) => t.action === action).map((t) => t.from);
  return `${action} is not allowed in status ${status}: ${STATUS_MEANING[status]} (${action} needs ${from.join(' or ')})`;
}
