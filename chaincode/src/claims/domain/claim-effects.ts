import {
  ClaimAction,
  ClaimDocumentKind,
  ClaimHistoryEntry,
  ClaimRecord,
  LedgerErrorCode,
} from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import {
  addUnits,
  parseFreeText,
  parseMinorUnits,
  parseOptionalFreeText,
  parseParty,
  parsePositiveMinorUnits,
  parseSha256,
  subtractUnits,
  units,
} from './claim-values';
import {
  invalid,
  parseJson,
  parseObject,
  stringAt,
  stringMatching,
  uniqueArray,
} from './json-input';

const A = ClaimAction;
const DOCUMENT_KINDS: readonly string[] = Object.values(ClaimDocumentKind);

/** The raw arguments of `act`: '' means "not given". */
export interface ActRequest {
  action: string;
  recipient: string;
  detail: string;
}

type EntryDetail = Pick<
  ClaimHistoryEntry,
  'recipient' | 'amount' | 'reason' | 'reference' | 'against' | 'documents'
>;

/** What an allowed action changes, before status, history and stamp are applied. */
export interface Effect {
  record: ClaimRecord;
  entry?: EntryDetail;
}

/** The rules of each action, once status and role have been checked. */
export function effectOf(
  action: ClaimAction,
  record: ClaimRecord,
  request: ActRequest,
  invoker: Invoker,
): Effect {
  switch (action) {
    case A.requestDocuments:
      return requestDocuments(record, request);
    case A.submitDocuments:
      return submitDocuments(record, request);
    case A.startAssessment:
    case A.releaseFraudHold:
      noArguments(action, request);
      return { record: freshAssessment(record) };
    case A.assignSurveyor:
      return assignSurveyor(record, request, invoker);
    case A.reportSurvey:
      return reportSurvey(record, request);
    case A.approve:
      noArguments(action, request);
      return approved(record, record.claimedAmount);
    case A.approvePartially:
      return approvePartially(record, request);
    case A.reject:
      return reject(record, request);
    case A.requestPayment:
      return requestPayment(record, request);
    case A.confirmPayment:
      return confirmPayment(record, request);
    case A.openSubrogation: {
      requireEmpty(request.recipient, 'recipient', action);
      const against = parseFreeText(request.detail, 'the party pursued');
      return { record: { ...record, subrogation: { against } }, entry: { against } };
    }
    case A.recordRecovery:
      return recordRecovery(record, request);
    case A.withdraw:
      requireEmpty(request.recipient, 'recipient', action);
      return { record, entry: { reason: parseOptionalFreeText(request.detail, 'the reason') } };
    case A.reopen:
      requireEmpty(request.recipient, 'recipient', action);
      return { record, entry: { reason: parseFreeText(request.detail, 'the reason') } };
    // A fraud suspicion is not written on a shared ledger: the reasons stay with the insurer.
    case A.holdForFraud:
    case A.timeBar:
    case A.close:
      noArguments(action, request);
      return { record };
  }
}

/** The insurer names the kinds it needs; SUBMIT_DOCUMENTS then needs one of each. */
function requestDocuments(record: ClaimRecord, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.requestDocuments);
  const kinds = uniqueArray(
    parseJson(request.detail, 'the requested documents'),
    'the requested documents',
    DOCUMENT_KINDS.length,
    stringMatching((v) => DOCUMENT_KINDS.includes(v), `one of ${DOCUMENT_KINDS.join(', ')}`),
  ) as ClaimDocumentKind[];
  if (kinds.length === 0) invalid('REQUEST_DOCUMENTS must name at least one document kind');
  return { record: { ...record, requestedDocuments: kinds }, entry: { documents: kinds } };
}

function submitDocuments(record: ClaimRecord, request: ActRequest): Effect {
  noArguments(A.submitDocuments, request);
  const missing = (record.requestedDocuments ?? []).filter(
    (kind) => !record.documents.some((d) => d.kind === kind),
  );
  if (missing.length > 0) {
    refuse(LedgerErrorCode.invalidState, `the claim has no ${missing.join(', ')} yet`);
  }
  return { record: { ...record, requestedDocuments: undefined } };
}

/**
 * A new round of assessment (first, after REOPEN, or after a fraud hold is
 * released): the previous decision and any unconfirmed settlement lapse;
 * money already paid or recovered stays counted.
 */
function freshAssessment(record: ClaimRecord): ClaimRecord {
  return {
    ...record,
    approvedAmount: undefined,
    rejectionReason: undefined,
    settlementAmount: undefined,
  };
}

/**
 * The surveyor works for the insurer: a party of the insurer's MSP (the
 * claims service vouches it is a surveyor; the ledger only knows parties),
 * never the claimant or the insurer's own identity.
 */
function assignSurveyor(record: ClaimRecord, request: ActRequest, invoker: Invoker): Effect {
  requireEmpty(request.detail, 'detail', A.assignSurveyor);
  const surveyor = parseParty(request.recipient, 'the surveyor', record.insurerMsp);
  if (surveyor === record.claimant) invalid('the claimant cannot survey its own claim');
  if (surveyor === invoker.party) invalid('the insurer cannot assign itself as surveyor');
  return {
    record: { ...record, surveyor, survey: undefined },
    entry: { recipient: surveyor },
  };
}

/** detail: `{"reportSha256": "<64 hex>", "assessedLoss": "<minor units>"}`; a survey may find no loss. */
function reportSurvey(record: ClaimRecord, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.reportSurvey);
  const name = 'the survey report';
  const o = parseObject(request.detail, name, { required: ['reportSha256', 'assessedLoss'] });
  const survey = {
    reportSha256: parseSha256(stringAt(o, 'reportSha256', name), `${name}.reportSha256`),
    assessedLoss: parseMinorUnits(stringAt(o, 'assessedLoss', name), `${name}.assessedLoss`),
  };
  return {
    record: { ...record, survey },
    entry: { reference: survey.reportSha256, amount: survey.assessedLoss },
  };
}

function approved(record: ClaimRecord, amount: string): Effect {
  return {
    record: { ...record, approvedAmount: amount, rejectionReason: undefined },
    entry: { amount },
  };
}

/** Part of the claim: more than nothing, less than claimed (all of it is APPROVE). */
function approvePartially(record: ClaimRecord, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.approvePartially);
  const amount = parsePositiveMinorUnits(request.detail, 'the approved amount');
  if (units(amount) >= units(record.claimedAmount)) {
    invalid(`the approved amount must be less than the claimed ${record.claimedAmount}`);
  }
  return approved(record, amount);
}

function reject(record: ClaimRecord, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.reject);
  const reason = parseFreeText(request.detail, 'the reason');
  return {
    record: { ...record, approvedAmount: undefined, rejectionReason: reason },
    entry: { reason },
  };
}

/**
 * The settlement after the deductible, computed by the claims service (the
 * deductible is private to the insurer). The ledger checks what it can see:
 * 0 < settlement ≤ approved − already paid, and approved ≤ claimed.
 */
function requestPayment(record: ClaimRecord, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.requestPayment);
  const amount = parsePositiveMinorUnits(request.detail, 'the settlement amount');
  const approvedAmount =
    record.approvedAmount ?? refuse(LedgerErrorCode.invalidState, 'no amount has been approved');
  if (units(approvedAmount) > units(record.claimedAmount)) {
    refuse(LedgerErrorCode.invalidState, 'the approved amount exceeds the claimed amount');
  }
  const payable = subtractUnits(approvedAmount, record.paidAmount);
  if (units(amount) > units(payable)) {
    invalid(`the settlement amount must not exceed ${payable} (approved less already paid)`);
  }
  return { record: { ...record, settlementAmount: amount }, entry: { amount } };
}

function confirmPayment(record: ClaimRecord, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.confirmPayment);
  const reference = parseFreeText(request.detail, 'the payment reference');
  const amount =
    record.settlementAmount ??
    refuse(LedgerErrorCode.invalidState, 'no settlement has been requested');
  return {
    record: {
      ...record,
      paidAmount: addUnits(record.paidAmount, amount),
      paymentReference: reference,
    },
    entry: { amount, reference },
  };
}

/** The insurer recovers at most what it paid; anything above belongs to the assured. */
function recordRecovery(record: ClaimRecord, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.recordRecovery);
  const amount = parsePositiveMinorUnits(request.detail, 'the recovered amount');
  const recoverable = subtractUnits(record.paidAmount, record.recoveredAmount);
  if (units(amount) > units(recoverable)) {
    invalid(`the recovered amount must not exceed ${recoverable} (paid less already recovered)`);
  }
  return {
    record: { ...record, recoveredAmount: addUnits(record.recoveredAmount, amount) },
    entry: { amount },
  };
}

function requireEmpty(raw: string, name: string, action: ClaimAction): void {
  if (raw !== '') invalid(`${action} takes no ${name}`);
}

function noArguments(action: ClaimAction, request: ActRequest): void {
  requireEmpty(request.recipient, 'recipient', action);
  requireEmpty(request.detail, 'detail', action);
}
