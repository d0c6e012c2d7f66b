import {
  CLAIM_TRANSITIONS,
  ClaimAction,
  ClaimRecord,
  ClaimRole,
  ClaimStatus,
  ClaimTransition,
  LedgerErrorCode,
  LedgerRole,
  claimTransitionFor,
} from '../../../../libs/contracts/src/ledger';
import { Invoker, roleAttribute } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';
import { ActRequest, effectOf } from './claim-effects';
import { isInsurer } from './insurer';

export type { ActRequest } from './claim-effects';

const ACTIONS: readonly string[] = Object.values(ClaimAction);

/** Why a status admits no such action, in the words a claims handler would use. */
const STATUS_MEANING: Record<ClaimStatus, string> = {
  [ClaimStatus.notified]: 'the loss has been notified and nothing else has happened yet',
  [ClaimStatus.documentsPending]: 'the insurer is waiting for documents from the claimant',
  [ClaimStatus.underAssessment]: 'the insurer is assessing the claim',
  [ClaimStatus.surveyorAssigned]: 'a surveyor has been assigned and has not reported',
  [ClaimStatus.surveyReported]: 'the survey report is in and awaits a decision',
  [ClaimStatus.approved]: 'the claim is approved in full and awaits payment',
  [ClaimStatus.partiallyApproved]: 'the claim is approved in part and awaits payment',
  [ClaimStatus.rejected]: 'the claim has been rejected',
  [ClaimStatus.paymentPending]: 'a settlement has been requested and is not yet confirmed',
  [ClaimStatus.paid]: 'the settlement has been paid',
  [ClaimStatus.subrogationOpen]: 'the insurer is pursuing a third party',
  [ClaimStatus.recovered]: 'the insurer has recovered from the third party',
  [ClaimStatus.timeBarred]: 'the recovery is time-barred',
  [ClaimStatus.closed]: 'the claim file is closed',
  [ClaimStatus.withdrawn]: 'the claimant has withdrawn the claim',
  [ClaimStatus.reopened]: 'the claim has been reopened and awaits assessment',
  [ClaimStatus.fraudHold]: 'the claim is held on suspicion of fraud',
};

/**
 * Decides one action on a claim after its notice: the only place a claim
 * changes, apart from the duplicate check and added documents. Checks run in
 * a fixed order so that a refusal names the first thing wrong: unknown action,
 * then status (CLAIM_TRANSITIONS), then the invoker's role, then the action's
 * own rules and arguments. (The record was found before any of these.)
 */
export function decideAct(
  record: ClaimRecord,
  invoker: Invoker,
  request: ActRequest,
  stamp: Stamp,
): ClaimRecord {
  if (!ACTIONS.includes(request.action)) {
    refuse(LedgerErrorCode.invalidArgument, `unknown action '${request.action}'`);
  }
  const action = request.action as ClaimAction;
  const transition =
    claimTransitionFor(action, record.status) ??
    refuse(LedgerErrorCode.invalidState, notInStatus(action, record.status));
  assertRole(record, invoker, transition);
  const effect = effectOf(action, record, request, invoker);
  return {
    ...effect.record,
    status: transition.to,
    history: [
      ...record.history,
      {
        action,
        actor: invoker.party,
        from: record.status,
        to: transition.to,
        ...effect.entry,
        ...stamp,
      },
    ],
    lastTxId: stamp.txId,
    updatedAt: stamp.at,
  };
}

export function hasRole(record: ClaimRecord, invoker: Invoker, role: ClaimRole): boolean {
  switch (role) {
    case ClaimRole.insurer:
      return isInsurer(record.insurerMsp, invoker);
    case ClaimRole.surveyor:
      // The assigned party, and a surveyor by its certificate: the claims
      // service names the party, the party's own CA vouches for the trade.
      return (
        record.surveyor !== undefined &&
        invoker.party === record.surveyor &&
        invoker.role === LedgerRole.surveyor
      );
    case ClaimRole.claimant:
      return invoker.party === record.claimant;
  }
}

function assertRole(record: ClaimRecord, invoker: Invoker, transition: ClaimTransition): void {
  if (hasRole(record, invoker, transition.by)) return;
  const who: Record<ClaimRole, string> = {
    [ClaimRole.insurer]: `the insurer ${record.insurerMsp} (${roleAttribute(LedgerRole.insurer)})`,
    [ClaimRole.surveyor]: `the assigned surveyor (${roleAttribute(LedgerRole.surveyor)})`,
    [ClaimRole.claimant]: 'the claimant',
  };
  refuse(
    LedgerErrorCode.forbidden,
    `${transition.action} on claim ${record.claimId} may only be taken by ${who[transition.by]}`,
  );
}

function notInStatus(action: ClaimAction, status: ClaimStatus): string {
  const from = CLAIM_TRANSITIONS.filter((t) => t.action === action).map((t) => t.from);
  return `${action} is not allowed in status ${status}: ${STATUS_MEANING[status]} (${action} needs ${from.join(' or ')})`;
}
