import {
  CLAIM_FILE_CLOSED,
  ClaimDocument,
  ClaimDocumentKind,
  ClaimRecord,
  ClaimRole,
  LedgerErrorCode,
} from '../../../../libs/contracts/src/ledger';
import { Invoker } from '../../domain/invoker';
import { refuse } from '../../domain/refusal';
import { Stamp } from '../../domain/stamp';
import { hasRole } from './claim-rules';
import { parseFreeText, parseSha256 } from './claim-values';
import { invalid, optionalStringAt, parseObject, stringAt } from './json-input';

const MAX_DOCUMENTS = 200;
const KINDS: readonly string[] = Object.values(ClaimDocumentKind);
const NAME = 'document';

/** Everyone working the claim may file evidence: the claimant, the insurer, the assigned surveyor. */
const FILERS: readonly ClaimRole[] = [ClaimRole.claimant, ClaimRole.insurer, ClaimRole.surveyor];

/**
 * Files a document's hash on the claim; the document stays off the ledger.
 * Checks in the order of `act`: status, role, then the document. The same
 * hash twice is ALREADY_EXISTS, which makes a retried upload harmless.
 */
export function decideAddDocument(
  record: ClaimRecord,
  invoker: Invoker,
  raw: string,
  stamp: Stamp,
): ClaimRecord {
  if (CLAIM_FILE_CLOSED.includes(record.status)) {
    refuse(LedgerErrorCode.invalidState, `claim ${record.claimId} is ${record.status}`);
  }
  if (!FILERS.some((role) => hasRole(record, invoker, role))) {
    refuse(
      LedgerErrorCode.forbidden,
      `only the claimant, the insurer or the assigned surveyor may add documents to claim ${record.claimId}`,
    );
  }
  const document = parseDocument(raw, invoker, stamp);
  if (record.documents.some((d) => d.sha256 === document.sha256)) {
    refuse(LedgerErrorCode.alreadyExists, `document ${document.sha256} is already on the claim`);
  }
  if (record.documents.length >= MAX_DOCUMENTS) {
    refuse(LedgerErrorCode.invalidState, `claim ${record.claimId} has ${MAX_DOCUMENTS} documents`);
  }
  return {
    ...record,
    documents: [...record.documents, document],
    lastTxId: stamp.txId,
    updatedAt: stamp.at,
  };
}

function parseDocument(raw: string, invoker: Invoker, stamp: Stamp): ClaimDocument {
  const o = parseObject(raw, NAME, {
    required: ['kind', 'sha256'],
    optional: ['name', 'reference'],
  });
  const kind = stringAt(o, 'kind', NAME);
  if (!KINDS.includes(kind)) invalid(`document.kind must be one of ${KINDS.join(', ')}`);
  const name = optionalStringAt(o, 'name', NAME);
  const reference = optionalStringAt(o, 'reference', NAME);
  return {
    kind: kind as ClaimDocumentKind,
    sha256: parseSha256(stringAt(o, 'sha256', NAME), 'document.sha256'),
    name: name === undefined ? undefined : parseFreeText(name, 'document.name'),
    reference: reference === undefined ? undefined : parseFreeText(reference, 'document.reference'),
    addedBy: invoker.party,
    txId: stamp.txId,
    at: stamp.at,
  };
}
