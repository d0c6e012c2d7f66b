import { ClaimAction } from '@pujiang/contracts';
import { ProblemException } from '@pujiang/http';
import { ClaimActionDto } from './claim-requests.dto';

/**
 * The chaincode's `recipient` and `detail` for a step, from the request
 * fields that step uses; a missing one is a 400 here rather than a ledger
 * round trip. REQUEST_PAYMENT's amount is computed by the service.
 */
export function ledgerArguments(dto: ClaimActionDto): { recipient: string; detail: string } {
  const need = (value: string | undefined, field: string): string => {
    if (value === undefined) throw new ProblemException(400, `${dto.action} needs ${field}`);
    return value;
  };
  switch (dto.action) {
    case ClaimAction.requestDocuments:
      return { recipient: '', detail: JSON.stringify(dto.documents ?? []) };
    case ClaimAction.reportSurvey:
      return {
        recipient: '',
        detail: JSON.stringify({
          reportSha256: need(dto.reportSha256, 'reportSha256'),
          assessedLoss: need(dto.assessedLoss, 'assessedLoss'),
        }),
      };
    case ClaimAction.approvePartially:
    case ClaimAction.recordRecovery:
      return { recipient: '', detail: need(dto.amount, 'amount') };
    case ClaimAction.reject:
    case ClaimAction.reopen:
      return { recipient: '', detail: need(dto.reason, 'reason') };
    case ClaimAction.withdraw:
      return { recipient: '', detail: dto.reason ?? '' };
    case ClaimAction.confirmPayment:
      return { recipient: '', detail: need(dto.reference, 'reference (the payment reference)') };
    case ClaimAction.openSubrogation:
      return { recipient: '', detail: need(dto.against, 'against (the party pursued)') };
    case ClaimAction.approve:
    case ClaimAction.assignSurveyor:
    case ClaimAction.close:
    case ClaimAction.holdForFraud:
    case ClaimAction.releaseFraudHold:
    case ClaimAction.requestPayment:
    case ClaimAction.startAssessment:
    case ClaimAction.submitDocuments:
    case ClaimAction.timeBar:
      // The recipient (surveyor) and the settlement are filled in by the service.
      return { recipient: '', detail: '' };
  }
}
