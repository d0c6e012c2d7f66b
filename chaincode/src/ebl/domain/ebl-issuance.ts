import {
  EBL_PLATFORM_CODE_PATTERN,
  EblStatus,
  LedgerErrorCode,
  LedgerParty,
  LedgerRole,
} from '../../../../libs/contracts/src/ledger';
import { parseMspId } from '../../domain/ledger-names';
import {
  parseChecksum,
  parseExternal,
  parseFlag,
  parseLocalParty,
  parseReference,
} from './ebl-arguments';
import { Stamp } from '../../domain/stamp';
import { EblEntry, EblState } from './ebl-state';
import { importOriginProblem } from './ebl-import-origin';
import { Invoker, roleAttribute } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';

/** A document entering this platform, by issue or by import. */
export interface NewDocument {
  transportDocumentReference: string;
  documentChecksum: string;
  isToOrder: boolean;
  holder: LedgerParty;
}

export interface IssueRequest extends NewDocument {
  replaces?: string;
}

export interface ImportRequest extends NewDocument {
  issuer: string;
  sender: string;
  /** The sending platform's organisation when it is on this channel; its record must vouch for the import. */
  senderMspId?: string;
  /** Our PINT platform code, which the sender's export names. */
  receivingPlatform: string;
}

/**
 * The raw strings of `issue`, in its parameter order. Only a carrier issues:
 * its organisation's CA says so in its certificate, so no other party can
 * mint a bill, nor take a reference first and keep the carrier from issuing it.
 */
export function parseIssue(
  invoker: Invoker,
  raw: [reference: string, checksum: string, isToOrder: string, holder: string, replaces: string],
): IssueRequest {
  if (invoker.role !== LedgerRole.carrier) {
    refuse(
      LedgerErrorCode.forbidden,
      `only a carrier (${roleAttribute(LedgerRole.carrier)}) may issue a document`,
    );
  }
  const [reference, checksum, isToOrder, holder, replaces] = raw;
  const request: IssueRequest = {
    ...parseNewDocument(invoker, reference, checksum, isToOrder, holder),
    replaces: replaces === '' ? undefined : parseReference(replaces, 'replaces'),
  };
  if (request.holder === invoker.party) {
    refuse(LedgerErrorCode.invalidArgument, 'the issuer cannot issue the document to itself');
  }
  if (request.replaces === request.transportDocumentReference) {
    refuse(LedgerErrorCode.invalidArgument, 'a document cannot replace itself');
  }
  return request;
}

/**
 * Issues a new document, or a replacement for one voided after a surrender
 * for amendment; the two records then point at each other. Everything is
 * checked before anything is written, so a refusal leaves both untouched.
 */
export function decideIssue(
  request: IssueRequest,
  invoker: Invoker,
  stamp: Stamp,
  found: { existing?: EblState; replaced?: EblState },
): { record: EblState; replaced?: EblState } {
  const reference = request.transportDocumentReference;
  if (found.existing !== undefined) {
    refuse(LedgerErrorCode.alreadyExists, `${reference} already exists on ${invoker.mspId}`);
  }
  const entry = entryOf('ISSUE', invoker.party, request.holder, stamp);
  const record = {
    ...newRecord(request, invoker.mspId, invoker.party, entry, stamp),
    carrierCode: invoker.carrierCode,
  };
  if (request.replaces === undefined) return { record };
  const old =
    found.replaced ?? refuse(LedgerErrorCode.invalidState, `${request.replaces} does not exist`);
  const problem = replacementProblem(old, reference, invoker);
  if (problem !== undefined) {
    refuse(LedgerErrorCode.invalidState, `${request.replaces} ${problem}`);
  }
  return {
    record: { ...record, replaces: request.replaces },
    replaced: { ...old, replacedBy: reference, lastTxId: stamp.txId, updatedAt: stamp.at },
  };
}

/** Only the carrier that voided a document may replace it, and only once. */
function replacementProblem(
  old: EblState,
  reference: string,
  invoker: Invoker,
): string | undefined {
  if (old.status !== EblStatus.voided) return `is ${old.status}, not VOID`;
  if (old.issuer !== invoker.party) return 'was issued by another carrier';
  if (old.replacedBy !== undefined && old.replacedBy !== reference) {
    return `is already replaced by ${old.replacedBy}`;
  }
  return undefined;
}

/** The raw strings of `importTransfer`, in its parameter order. Only the platform operator imports. */
export function parseImport(
  invoker: Invoker,
  raw: [
    reference: string,
    checksum: string,
    isToOrder: string,
    holder: string,
    issuer: string,
    sender: string,
    senderMspId: string,
    receivingPlatform: string,
  ],
): ImportRequest {
  if (invoker.role !== LedgerRole.platformOperator) {
    refuse(
      LedgerErrorCode.forbidden,
      `only the operator of the platform ${invoker.mspId} (${roleAttribute(LedgerRole.platformOperator)}) may import a document`,
    );
  }
  const [reference, checksum, isToOrder, holder, issuer, sender, senderMspId, receivingPlatform] =
    raw;
  const request: ImportRequest = {
    ...parseNewDocument(invoker, reference, checksum, isToOrder, holder),
    issuer: parseExternal(issuer, 'issuer'),
    sender: parseExternal(sender, 'sender'),
    ...(senderMspId === '' ? {} : { senderMspId: parseMspId(senderMspId, 'senderMspId') }),
    receivingPlatform: EBL_PLATFORM_CODE_PATTERN.test(receivingPlatform)
      ? receivingPlatform
      : refuse(LedgerErrorCode.invalidArgument, 'receivingPlatform must be an eBL platform code'),
  };
  if (request.senderMspId === invoker.mspId) {
    refuse(LedgerErrorCode.invalidArgument, 'a platform does not import from itself');
  }
  if (request.holder === request.issuer) {
    refuse(LedgerErrorCode.invalidArgument, 'the holder cannot be the issuer');
  }
  return request;
}

/**
 * Receives a document by PINT. When the sending platform is on this channel,
 * its own record (`sent`) must show the export to us first. A document this
 * platform exported earlier comes back to its old record, which keeps its
 * issuer and history; any other existing record means the reference is taken here.
 */
export function decideImport(
  request: ImportRequest,
  invoker: Invoker,
  stamp: Stamp,
  found: { existing?: EblState; sent?: EblState },
): EblState {
  const reference = request.transportDocumentReference;
  const { existing } = found;
  if (request.senderMspId !== undefined) {
    const problem = importOriginProblem(
      { ...request, senderMspId: request.senderMspId },
      found.sent,
    );
    if (problem !== undefined) refuse(LedgerErrorCode.invalidState, problem);
  }
  const entry = entryOf('IMPORT', invoker.party, request.holder, stamp, request.sender);
  if (existing === undefined) {
    return newRecord(request, invoker.mspId, request.issuer, entry, stamp);
  }
  if (existing.status !== EblStatus.exported) {
    refuse(LedgerErrorCode.alreadyExists, `${reference} is ${existing.status} on ${invoker.mspId}`);
  }
  if (
    existing.documentChecksum !== request.documentChecksum ||
    existing.isToOrder !== request.isToOrder
  ) {
    refuse(LedgerErrorCode.alreadyExists, `${reference} was exported here as another document`);
  }
  if (request.holder === existing.issuer) {
    refuse(LedgerErrorCode.invalidArgument, 'the holder cannot be the issuer');
  }
  return {
    ...existing,
    ...endorsementOf(request),
    status: EblStatus.issued,
    holder: request.holder,
    possessor: request.holder,
    pending: undefined,
    exportedTo: undefined,
    exportEnvelopeChecksum: undefined,
    chain: [...existing.chain, entry],
    lastTxId: stamp.txId,
    updatedAt: stamp.at,
  };
}

function parseNewDocument(
  invoker: Invoker,
  reference: string,
  checksum: string,
  isToOrder: string,
  holder: string,
): NewDocument {
  return {
    transportDocumentReference: parseReference(reference, 'transportDocumentReference'),
    documentChecksum: parseChecksum(checksum),
    isToOrder: parseFlag(isToOrder, 'isToOrder'),
    holder: parseLocalParty(holder, invoker.mspId, 'holder'),
  };
}

/** An order bill starts "to order of" its first holder, who may endorse it on. */
function endorsementOf(
  document: NewDocument,
): Pick<EblState, 'endorsee' | 'endorseeMayEndorse' | 'blankEndorsed'> {
  return document.isToOrder
    ? { endorsee: document.holder, endorseeMayEndorse: true, blankEndorsed: false }
    : { endorsee: null, endorseeMayEndorse: false, blankEndorsed: false };
}

function entryOf(
  action: 'ISSUE' | 'IMPORT',
  actor: LedgerParty,
  holder: LedgerParty,
  stamp: Stamp,
  externalSender?: string,
): EblEntry {
  return { action, actor, recipient: holder, externalSender, txId: stamp.txId, at: stamp.at };
}

function newRecord(
  document: NewDocument,
  platform: string,
  issuer: string,
  entry: EblEntry,
  stamp: Stamp,
): EblState {
  return {
    transportDocumentReference: document.transportDocumentReference,
    platform,
    documentChecksum: document.documentChecksum,
    isToOrder: document.isToOrder,
    status: EblStatus.issued,
    issuer,
    holder: document.holder,
    possessor: document.holder,
    ...endorsementOf(document),
    chain: [entry],
    lastTxId: stamp.txId,
    updatedAt: stamp.at,
  };
}
