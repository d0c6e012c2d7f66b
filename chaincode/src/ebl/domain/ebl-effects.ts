import {
  EblAction,
  ENDORSEMENTS,
  LedgerErrorCode,
  parseExportAnswerDetail,
} from '../../../../libs/contracts/src/ledger';
import {
  AMENDMENT_REASON_CODES,
  PINT_REJECTION_CODES,
  parseCode,
  parseEnvelopeChecksum,
  parseExternal,
  parseLocalParty,
  parseOptionalReason,
  parseReference,
  requireEmpty,
} from './ebl-arguments';
import { EblEntry, EblPending, EblState, pintHolder } from './ebl-state';
import { refuse } from '../../domain/refusal';

const A = EblAction;

/** The raw arguments of `act`: '' means "not given". */
export interface ActRequest {
  action: string;
  recipient: string;
  detail: string;
}

/** What an allowed action changes, before status, chain and stamp are applied. */
export interface Effect {
  record: EblState;
  entry?: Pick<EblEntry, 'recipient' | 'externalRecipient' | 'reason'>;
}

/** The rules of each action, once status and role have been checked. */
export function effectOf(action: EblAction, record: EblState, request: ActRequest): Effect {
  switch (action) {
    case A.transfer:
    case A.endorse:
    case A.endorseToOrder:
      return offer(action, record, request);
    case A.blankEndorse:
      return blankEndorse(record, request);
    case A.sign:
      noArguments(action, request);
      return { record };
    case A.acceptTransfer:
      noArguments(action, request);
      return { record: acceptOffer(record, pendingOf(record)) };
    case A.rejectTransfer:
      requireEmpty(request.recipient, 'recipient', action);
      return {
        record: { ...record, pending: undefined },
        entry: { reason: parseOptionalReason(request.detail) },
      };
    case A.surrenderForDelivery:
    case A.surrenderForAmendment:
      return surrender(action, record, request);
    case A.acceptSurrender:
      noArguments(action, request);
      return {
        record: { ...record, holder: record.issuer, possessor: record.issuer, pending: undefined },
      };
    case A.rejectSurrender:
      return rejectSurrender(record, request);
    case A.void:
      return voidDocument(record, request);
    case A.startExport:
      return startExport(record, request);
    case A.completeExport:
      return completeExport(record, request);
    case A.cancelExport:
      return cancelExport(record, request);
  }
}

/** TRANSFER hands over possession only; ENDORSE* also name the new endorsee on acceptance. */
function offer(action: EblAction, record: EblState, request: ActRequest): Effect {
  if (ENDORSEMENTS.includes(action)) assertMayEndorse(record);
  requireEmpty(request.detail, 'detail', action);
  const recipient = parseLocalParty(request.recipient, record.platform, 'recipient');
  if (recipient === record.holder) {
    refuse(LedgerErrorCode.invalidArgument, 'the recipient already holds the document');
  }
  return { record: { ...record, pending: { action, recipient } }, entry: { recipient } };
}

function blankEndorse(record: EblState, request: ActRequest): Effect {
  assertMayEndorse(record);
  if (record.blankEndorsed) {
    refuse(LedgerErrorCode.invalidState, 'the bill of lading is already endorsed in blank');
  }
  noArguments(A.blankEndorse, request);
  // Endorsed in blank the bill runs to bearer: whoever holds it next may endorse or surrender it.
  return { record: { ...record, blankEndorsed: true, endorsee: null, endorseeMayEndorse: false } };
}

/**
 * What acceptance of each kind of offer does to title. A plain TRANSFER is
 * absent: it moves possession, and title stays with the endorsee the bill names.
 */
const TITLE_ON_ACCEPTANCE: Partial<
  Record<EblAction, Pick<EblState, 'endorseeMayEndorse' | 'blankEndorsed'>>
> = {
  [A.endorse]: { endorseeMayEndorse: false, blankEndorsed: false },
  [A.endorseToOrder]: { endorseeMayEndorse: true, blankEndorsed: false },
};

function acceptOffer(record: EblState, pending: EblPending): EblState {
  const to = pending.recipient;
  const title = TITLE_ON_ACCEPTANCE[pending.action];
  const moved = { ...record, holder: to, possessor: to, pending: undefined };
  return title === undefined ? moved : { ...moved, ...title, endorsee: to };
}

/**
 * During a surrender the carrier already has the document (holder = issuer),
 * so nobody can pass it on meanwhile; `from` says whom SREJ gives it back to.
 */
function surrender(action: EblAction, record: EblState, request: ActRequest): Effect {
  assertEntitledToGoods(record, action);
  requireEmpty(request.recipient, 'recipient', action);
  const reason = surrenderReason(action, request.detail);
  return {
    record: {
      ...record,
      holder: record.issuer,
      possessor: record.issuer,
      pending: { action, recipient: record.issuer, from: record.holder },
    },
    entry: { recipient: record.issuer, reason },
  };
}

function surrenderReason(action: EblAction, detail: string): string | undefined {
  if (action === A.surrenderForAmendment) {
    return detail === '' ? undefined : parseCode(detail, AMENDMENT_REASON_CODES, 'the reason');
  }
  // DCSA defines reason codes for amendments only.
  requireEmpty(detail, 'reason code', action);
  return undefined;
}

function rejectSurrender(record: EblState, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.rejectSurrender);
  const reason = parseOptionalReason(request.detail);
  const from =
    pendingOf(record).from ??
    refuse(LedgerErrorCode.invalidState, 'the pending surrender does not name who surrendered');
  return {
    record: { ...record, holder: from, possessor: from, pending: undefined },
    entry: { recipient: from, reason },
  };
}

/** The replacement may be named now or later, when the new document is issued. */
function voidDocument(record: EblState, request: ActRequest): Effect {
  requireEmpty(request.recipient, 'recipient', A.void);
  if (request.detail === '') return { record };
  const replacement = parseReference(request.detail, 'the replacement reference');
  if (replacement === record.transportDocumentReference) {
    refuse(LedgerErrorCode.invalidArgument, 'a document cannot replace itself');
  }
  return { record: { ...record, replacedBy: replacement } };
}

/**
 * Leaving the platform passes the document to whoever the receiver names, and
 * our own importTransfer makes that party its endorsee: so only the party
 * entitled to the goods may send an order bill away, as for a surrender.
 */
function startExport(record: EblState, request: ActRequest): Effect {
  assertEntitledToGoods(record, A.startExport);
  const to = parseExternal(request.recipient, 'recipient');
  // Bound here, once: the sender may deliver no other envelope for this export.
  const envelope = parseEnvelopeChecksum(request.detail);
  return {
    record: {
      ...record,
      exportedTo: to,
      exportEnvelopeChecksum: envelope,
      pending: { action: A.startExport, recipient: to },
    },
    entry: { externalRecipient: to },
  };
}

function completeExport(record: EblState, request: ActRequest): Effect {
  if (exportAnswer(record, request, A.completeExport) !== undefined) {
    refuse(LedgerErrorCode.invalidArgument, `${A.completeExport} takes no response code`);
  }
  const to =
    record.exportedTo ??
    refuse(LedgerErrorCode.invalidState, 'the pending export names no receiving platform');
  const gone = pintHolder(to);
  return {
    record: { ...record, holder: gone, possessor: gone, pending: undefined },
    entry: { externalRecipient: to },
  };
}

function cancelExport(record: EblState, request: ActRequest): Effect {
  const code = exportAnswer(record, request, A.cancelExport) ?? '';
  return {
    record: {
      ...record,
      pending: undefined,
      exportedTo: undefined,
      exportEnvelopeChecksum: undefined,
    },
    entry: {
      externalRecipient: record.exportedTo,
      reason: parseCode(code, PINT_REJECTION_CODES, 'the response code'),
    },
  };
}

/**
 * The receiving platform's answer, as the operator records it, must be about
 * the envelope the export is bound to: an answer to a stale envelope (an
 * earlier attempt, another replica's) settles nothing. Returns its response code.
 */
function exportAnswer(
  record: EblState,
  request: ActRequest,
  action: EblAction,
): string | undefined {
  requireEmpty(request.recipient, 'recipient', action);
  const answer =
    parseExportAnswerDetail(request.detail) ??
    refuse(
      LedgerErrorCode.invalidArgument,
      `${action} takes '[response code] <envelope checksum>'`,
    );
  const bound = record.exportEnvelopeChecksum;
  // An export started before EXPORT bound its envelope names none: it may still be settled,
  // or it would stay EXPORT_PENDING for good.
  if (bound !== undefined && parseEnvelopeChecksum(answer.envelopeChecksum) !== bound) {
    refuse(
      LedgerErrorCode.invalidState,
      `${action}: ${record.transportDocumentReference} is exported with another envelope`,
    );
  }
  return answer.responseCode;
}

/** Only the named endorsee (if still allowed to endorse) or the bearer of a blank-endorsed bill may endorse it. */
function assertMayEndorse(record: EblState): void {
  if (!record.isToOrder) {
    refuse(LedgerErrorCode.invalidState, 'a straight bill of lading cannot be endorsed');
  }
  const entitled =
    record.blankEndorsed || (record.endorsee === record.holder && record.endorseeMayEndorse);
  if (!entitled) {
    refuse(
      LedgerErrorCode.forbidden,
      `the holder of ${record.transportDocumentReference} is not entitled to endorse it`,
    );
  }
}

/** Under an order bill the goods are owed to its endorsee or bearer, not to a mere possessor. */
function assertEntitledToGoods(record: EblState, action: EblAction): void {
  if (record.isToOrder && !record.blankEndorsed && record.endorsee !== record.holder) {
    refuse(
      LedgerErrorCode.forbidden,
      `${action}: the holder of ${record.transportDocumentReference} is not its endorsee`,
    );
  }
}

function pendingOf(record: EblState): EblPending {
  return record.pending ?? refuse(LedgerErrorCode.invalidState, 'nothing is pending');
}

function noArguments(action: EblAction, request: ActRequest): void {
  requireEmpty(request.recipient, 'recipient', action);
  requireEmpty(request.detail, 'detail', action);
}
