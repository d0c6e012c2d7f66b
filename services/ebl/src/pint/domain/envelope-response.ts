import type { Sha256Hex } from '@pujiang/dcsa';
import { dcsaText } from '../../issuance/domain/dcsa-text';
import {
  type SigningKey,
  type VerificationKeys,
  JwsSignatureError,
  MalformedJwsError,
  signCompactJws,
  verifyCompactJws,
} from '../../signing';
import type { FinishTransferOutcome } from './additional-documents';
import type { AcceptedEnvelope, RefusedEnvelope } from './envelope-verification';
import { readFinishedResponse } from './pint-shapes';
import type {
  DocumentChecksum,
  EnvelopeResponseCode,
  EnvelopeTransferFinishedResponse,
  EnvelopeTransferStartedResponse,
  SignedContent,
} from './pint-types';

const REASON_MAX = 255;

/**
 * The HTTP status PINT pairs with each response code. The signed code, not the status,
 * decides the outcome; the status only has to agree with it.
 */
export const PINT_HTTP_STATUS: Readonly<Record<EnvelopeResponseCode, 200 | 409 | 422>> = {
  RECE: 200,
  DUPE: 200,
  BSIG: 422,
  BENV: 422,
  INCD: 409,
  MDOC: 409,
  DISE: 409,
};

/** RECE: the transfer is accepted; the list is the signed receipt for every document in it. */
export function receivedResponse(
  lastEntryChecksum: Sha256Hex,
  receivedAdditionalDocumentChecksums: readonly DocumentChecksum[],
): EnvelopeTransferFinishedResponse {
  return {
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    responseCode: 'RECE',
    ...receipt(receivedAdditionalDocumentChecksums),
  };
}

/**
 * DUPE: this transfer was accepted before; the sender keeps no control. Carries the last
 * entry of the accepted transfer, and the receipt of its documents.
 */
export function duplicateResponse(
  lastEntryChecksum: Sha256Hex,
  acceptedLastEntry: SignedContent,
  receivedAdditionalDocumentChecksums: readonly DocumentChecksum[],
): EnvelopeTransferFinishedResponse {
  return {
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    responseCode: 'DUPE',
    duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent: acceptedLastEntry,
    reason: 'this envelope transfer was accepted before',
    ...receipt(receivedAdditionalDocumentChecksums),
  };
}

/**
 * The signed answer to an envelope refused at the start (BSIG, BENV, DISE) or found to be a
 * duplicate (DUPE). For DUPE, pass the receipt of the documents accepted with it.
 *
 * @throws TypeError when the refusal has no `lastEntryChecksum`: an envelope without a
 *         readable chain gets an unsigned 400, there being nothing to sign an answer about
 */
export function envelopeRefusalResponse(
  refusal: RefusedEnvelope,
  receivedAdditionalDocumentChecksums: readonly DocumentChecksum[] = [],
): EnvelopeTransferFinishedResponse {
  const { lastEntryChecksum, responseCode, reason } = refusal;
  if (lastEntryChecksum === undefined) {
    throw new TypeError('an envelope without a readable chain gets no signed answer');
  }
  const duplicateOf = refusal.duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent;
  if (responseCode === 'DUPE' && duplicateOf !== undefined) {
    return duplicateResponse(lastEntryChecksum, duplicateOf, receivedAdditionalDocumentChecksums);
  }
  return {
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    responseCode,
    reason: dcsaText(reason, REASON_MAX),
  };
}

/** INCD: an additional document's bytes are not what was announced; send them again. */
export function inconclusiveDocumentResponse(
  lastEntryChecksum: Sha256Hex,
  reason: string,
): EnvelopeTransferFinishedResponse {
  return {
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    responseCode: 'INCD',
    reason: dcsaText(reason, REASON_MAX),
  };
}

/**
 * DISE: the receiving platform disputes the envelope: it contradicts what this platform
 * knows of the eBL's chain (a risk of double spending). Settled out of band, not by PINT.
 */
export function disputedEnvelopeResponse(
  lastEntryChecksum: Sha256Hex,
  reason: string,
): EnvelopeTransferFinishedResponse {
  return {
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    responseCode: 'DISE',
    reason: dcsaText(reason, REASON_MAX),
  };
}

/** The signed answer to `PUT …/finish-transfer`: RECE with the receipt, or MDOC with what is missing. */
export function finishTransferResponse(
  lastEntryChecksum: Sha256Hex,
  outcome: FinishTransferOutcome,
): EnvelopeTransferFinishedResponse {
  if (outcome.responseCode === 'RECE') {
    return receivedResponse(lastEntryChecksum, outcome.receivedAdditionalDocumentChecksums);
  }
  return {
    lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
    responseCode: 'MDOC',
    reason: dcsaText(outcome.reason, REASON_MAX),
    missingAdditionalDocumentChecksums: outcome.missingAdditionalDocumentChecksums,
  };
}

/** How the receiver answers an accepted start: 201 with the documents to send, or RECE at once. */
export type StartTransferAnswer =
  | { readonly kind: 'started'; readonly body: EnvelopeTransferStartedResponse }
  | { readonly kind: 'received'; readonly response: EnvelopeTransferFinishedResponse };

/**
 * Answers an accepted `POST /v3/envelopes`. PINT's started response must list at least one
 * missing document; when every announced document is already held, the transfer is
 * accepted immediately with a signed RECE instead.
 */
export function startTransferAnswer(
  accepted: AcceptedEnvelope,
  envelopeReference: string,
): StartTransferAnswer {
  if (accepted.missingDocuments.length === 0) {
    return {
      kind: 'received',
      response: receivedResponse(
        accepted.lastEntryChecksum,
        accepted.announcedDocuments.map((document) => document.documentChecksum),
      ),
    };
  }
  return {
    kind: 'started',
    body: {
      envelopeReference,
      transportDocumentChecksum: accepted.transportDocumentChecksum,
      lastEnvelopeTransferChainEntrySignedContentChecksum: accepted.lastEntryChecksum,
      missingAdditionalDocumentChecksums: accepted.missingDocuments,
    },
  };
}

/** Signs a finished response as `EnvelopeTransferFinishedResponseSignedContent`. */
export async function signEnvelopeResponse(
  response: EnvelopeTransferFinishedResponse,
  receiverKey: SigningKey,
): Promise<SignedContent> {
  return signCompactJws(response, receiverKey);
}

/** What a sender learns from the receiver's signed answer. */
export type TransferOutcome = 'accepted' | 'rejected' | 'awaiting-documents' | 'disputed';

export type FinishedResponseVerification =
  | {
      readonly verified: true;
      readonly response: EnvelopeTransferFinishedResponse;
      readonly outcome: TransferOutcome;
      /** True only for RECE or DUPE of this very transfer: the sender no longer controls the eBL. */
      readonly controlTransferred: boolean;
    }
  | {
      readonly verified: false;
      readonly problem: 'BAD_SIGNATURE' | 'MALFORMED' | 'OTHER_TRANSFER';
      readonly reason: string;
    };

const OUTCOMES: Readonly<Record<EnvelopeResponseCode, TransferOutcome>> = {
  RECE: 'accepted',
  DUPE: 'accepted',
  BSIG: 'rejected',
  BENV: 'rejected',
  INCD: 'awaiting-documents',
  MDOC: 'awaiting-documents',
  DISE: 'disputed',
};

/**
 * Verifies a receiver's signed answer and reads it: signed by one of the receiving
 * platform's keys, and a well-formed EnvelopeTransferFinishedResponse. Which transfer it
 * is about, and what it means for control, is `judgeEnvelopeResponse`'s business.
 *
 * @throws JwsSignatureError when the receiving platform's keys do not verify it
 * @throws MalformedJwsError when it is not a JWS of an EnvelopeTransferFinishedResponse
 */
export async function verifyEnvelopeResponse(
  signed: unknown,
  receiverKeys: VerificationKeys,
): Promise<EnvelopeTransferFinishedResponse> {
  const { payload } = await verifyCompactJws(signed, receiverKeys);
  const shape = readFinishedResponse(payload);
  if (!shape.ok) throw new MalformedJwsError(shape.problem);
  return shape.value;
}

/**
 * The sender's reading of a receiver's signed answer: signed by the receiving platform,
 * well formed, and about the transfer we sent (its last entry checksum). Only then does its
 * code count, and only RECE or DUPE mean the eBL left us. An unsigned or foreign answer
 * proves nothing and leaves the transfer unresolved, to be retried (or settled with the
 * control tracking registry).
 */
export async function judgeEnvelopeResponse(
  signed: unknown,
  receiverKeys: VerificationKeys,
  sentLastEntryChecksum: Sha256Hex,
): Promise<FinishedResponseVerification> {
  let response: EnvelopeTransferFinishedResponse;
  try {
    response = await verifyEnvelopeResponse(signed, receiverKeys);
  } catch (error: unknown) {
    if (error instanceof JwsSignatureError) {
      return { verified: false, problem: 'BAD_SIGNATURE', reason: error.message };
    }
    if (error instanceof MalformedJwsError) {
      return { verified: false, problem: 'MALFORMED', reason: error.message };
    }
    throw error;
  }
  if (response.lastEnvelopeTransferChainEntrySignedContentChecksum !== sentLastEntryChecksum) {
    return {
      verified: false,
      problem: 'OTHER_TRANSFER',
      reason: 'the answer is about another envelope transfer than the one sent',
    };
  }
  const outcome = OUTCOMES[response.responseCode];
  return { verified: true, response, outcome, controlTransferred: outcome === 'accepted' };
}

function receipt(checksums: readonly DocumentChecksum[]) {
  return checksums.length === 0 ? {} : { receivedAdditionalDocumentChecksums: checksums };
}
