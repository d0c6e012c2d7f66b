import { dcsaText } from './dcsa-text';
import type { IssuanceManifestProblem } from './issuance-manifest';
import type { IssuanceError, IssuanceResponse, TransportDocument } from './issuance-types';

/** ISS limits: `reason` 255 characters, `errorCode` 50 without spaces, at most 255 errors. */
const REASON_MAX = 255;
const ERROR_CODE_MAX = 50;
const ERRORS_MAX = 255;

/**
 * ISSU: the eBL is issued and delivered to its first possessor. DCSA says `reason` should
 * be omitted here, so there is none.
 */
export function issuedResponse(document: TransportDocument): IssuanceResponse {
  return { ...documentReferences(document), issuanceResponseCode: 'ISSU' };
}

/**
 * BREQ: something in the request is wrong and the carrier can correct it and ask again
 * (a checksum that does not match, a signature that does not hold, an unknown field value).
 */
export function badRequestResponse(
  document: TransportDocument,
  errors: readonly IssuanceError[],
  reason?: string,
): IssuanceResponse {
  return {
    ...documentReferences(document),
    issuanceResponseCode: 'BREQ',
    ...(reason === undefined ? {} : { reason: dcsaText(reason, REASON_MAX) }),
    ...(errors.length === 0 ? {} : { errors: errors.slice(0, ERRORS_MAX).map(boundedError) }),
  };
}

/**
 * REFU: the platform will not issue for a reason the carrier's request cannot fix by itself
 * (the recipient is unknown to the receiving platform, interoperable issuance was refused).
 */
export function refusedResponse(document: TransportDocument, reason: string): IssuanceResponse {
  return {
    ...documentReferences(document),
    issuanceResponseCode: 'REFU',
    reason: dcsaText(reason, REASON_MAX),
  };
}

/** BREQ for a request that does not match its signed manifest, one error per problem. */
export function manifestRefusalResponse(
  document: TransportDocument,
  problems: readonly IssuanceManifestProblem[],
): IssuanceResponse {
  return badRequestResponse(
    document,
    problems.map((problem) => ({ errorCode: problem.code, reason: problem.reason })),
    'the request does not match the issuance manifest signed by the carrier',
  );
}

function documentReferences(document: TransportDocument) {
  const { transportDocumentReference, transportDocumentSubReference } = document;
  return transportDocumentSubReference === undefined
    ? { transportDocumentReference }
    : { transportDocumentReference, transportDocumentSubReference };
}

function boundedError(error: IssuanceError): IssuanceError {
  return {
    ...(error.reason === undefined ? {} : { reason: dcsaText(error.reason, REASON_MAX) }),
    ...(error.errorCode === undefined
      ? {}
      : { errorCode: error.errorCode.replace(/\s+/g, '_').slice(0, ERROR_CODE_MAX) }),
  };
}
