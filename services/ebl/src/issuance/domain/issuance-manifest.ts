import { type Sha256Hex, bytesChecksum, isSha256Hex, jsonChecksum } from '@pujiang/dcsa';
import {
  type SigningKey,
  type VerificationKeys,
  JwsSignatureError,
  MalformedJwsError,
  decodeBase64Content,
  signCompactJws,
  verifyCompactJws,
} from '../../signing';
import type {
  IssuanceManifest,
  IssuanceRequest,
  SupportingDocument,
  UnsignedIssuanceRequest,
} from './issuance-types';

/** What can be wrong with a carrier's signed issuance manifest, one code per cause. */
export type IssuanceManifestProblemCode =
  | 'BAD_SIGNATURE'
  | 'MALFORMED_MANIFEST'
  | 'DOCUMENT_CHECKSUM_MISMATCH'
  | 'ISSUE_TO_CHECKSUM_MISMATCH'
  | 'VISUALISATION_CHECKSUM_MISMATCH';

export interface IssuanceManifestProblem {
  readonly code: IssuanceManifestProblemCode;
  readonly reason: string;
}

/** The outcome of checking an issuance request against the manifest its carrier signed. */
export type IssuanceRequestVerification =
  | { readonly verified: true; readonly manifest: IssuanceManifest }
  | { readonly verified: false; readonly problems: readonly IssuanceManifestProblem[] };

/**
 * The manifest a carrier signs for a request: the checksums of the document (canonical
 * JSON), of `issueTo` (canonical JSON) and, when sent, of the visualisation's decoded bytes.
 * Exposed so that a sender and a verifier compute the one same thing.
 *
 * @throws TypeError when the visualisation content is not Base64 (a request no one can verify)
 */
export function issuanceManifestFor(request: UnsignedIssuanceRequest): IssuanceManifest {
  const visualisation = request.eBLVisualisationByCarrier;
  const manifest = {
    documentChecksum: jsonChecksum(request.document),
    issueToChecksum: jsonChecksum(request.issueTo),
  };
  if (visualisation === undefined) return manifest;
  const checksum = visualisationChecksum(visualisation);
  if (checksum === undefined) {
    throw new TypeError('eBLVisualisationByCarrier.content is not Base64');
  }
  return { ...manifest, eBLVisualisationByCarrierChecksum: checksum };
}

/**
 * Signs the issuance manifest as the carrier does and returns the complete request. Used by
 * the carrier simulator and by tests; the platform itself never signs for a carrier.
 */
export async function signIssuanceManifest(
  request: UnsignedIssuanceRequest,
  carrierKey: SigningKey,
): Promise<IssuanceRequest> {
  const issuanceManifestSignedContent = await signCompactJws(
    issuanceManifestFor(request),
    carrierKey,
  );
  return { ...request, issuanceManifestSignedContent };
}

/**
 * Checks that the request is what the carrier signed: the manifest's signature under one of
 * the carrier's registered keys, then each checksum against the part it covers. Every
 * checksum is compared (not just the first that fails) so the carrier learns all that is
 * wrong in one answer. A refusal here is the carrier's to fix: ISS answers it with BREQ.
 */
export async function verifyIssuanceRequest(
  request: IssuanceRequest,
  carrierKeys: VerificationKeys,
): Promise<IssuanceRequestVerification> {
  let payload: unknown;
  try {
    ({ payload } = await verifyCompactJws(request.issuanceManifestSignedContent, carrierKeys));
  } catch (error: unknown) {
    if (error instanceof JwsSignatureError) {
      return refused('BAD_SIGNATURE', `issuanceManifestSignedContent: ${error.message}`);
    }
    if (error instanceof MalformedJwsError) {
      return refused('MALFORMED_MANIFEST', `issuanceManifestSignedContent: ${error.message}`);
    }
    throw error;
  }
  const manifest = readIssuanceManifest(payload);
  if (manifest === undefined) {
    return refused('MALFORMED_MANIFEST', 'the signed payload is not an IssuanceManifest');
  }
  const problems = checksumProblems(request, manifest);
  return problems.length === 0 ? { verified: true, manifest } : { verified: false, problems };
}

/**
 * Reads a verified JWS payload as an IssuanceManifest, or undefined when it is not one.
 * PINT uses it too: the first envelope transfer chain entry carries the same manifest.
 */
export function readIssuanceManifest(payload: unknown): IssuanceManifest | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const { documentChecksum, issueToChecksum, eBLVisualisationByCarrierChecksum } =
    payload as Record<string, unknown>;
  if (!isSha256Hex(documentChecksum) || !isSha256Hex(issueToChecksum)) return undefined;
  if (eBLVisualisationByCarrierChecksum === undefined) {
    return { documentChecksum, issueToChecksum };
  }
  if (!isSha256Hex(eBLVisualisationByCarrierChecksum)) return undefined;
  return { documentChecksum, issueToChecksum, eBLVisualisationByCarrierChecksum };
}

function checksumProblems(
  request: IssuanceRequest,
  manifest: IssuanceManifest,
): IssuanceManifestProblem[] {
  const problems: IssuanceManifestProblem[] = [];
  if (jsonChecksum(request.document) !== manifest.documentChecksum) {
    problems.push({
      code: 'DOCUMENT_CHECKSUM_MISMATCH',
      reason: 'document does not match the documentChecksum the carrier signed',
    });
  }
  if (jsonChecksum(request.issueTo) !== manifest.issueToChecksum) {
    problems.push({
      code: 'ISSUE_TO_CHECKSUM_MISMATCH',
      reason: 'issueTo does not match the issueToChecksum the carrier signed',
    });
  }
  const visualisationProblem = visualisationMismatch(
    request.eBLVisualisationByCarrier,
    manifest.eBLVisualisationByCarrierChecksum,
  );
  if (visualisationProblem !== undefined) {
    problems.push({ code: 'VISUALISATION_CHECKSUM_MISMATCH', reason: visualisationProblem });
  }
  return problems;
}

function visualisationMismatch(
  visualisation: SupportingDocument | undefined,
  signedChecksum: Sha256Hex | undefined,
): string | undefined {
  if (visualisation === undefined) {
    return signedChecksum === undefined
      ? undefined
      : 'the carrier signed a visualisation checksum but sent no eBLVisualisationByCarrier';
  }
  if (signedChecksum === undefined) {
    return 'eBLVisualisationByCarrier was sent but the carrier signed no checksum for it';
  }
  const actual = visualisationChecksum(visualisation);
  if (actual === undefined) return 'eBLVisualisationByCarrier.content is not Base64';
  return actual === signedChecksum
    ? undefined
    : 'eBLVisualisationByCarrier does not match the eBLVisualisationByCarrierChecksum signed';
}

function visualisationChecksum(visualisation: SupportingDocument): Sha256Hex | undefined {
  const bytes = decodeBase64Content(visualisation.content);
  return bytes === undefined ? undefined : bytesChecksum(bytes);
}

function refused(code: IssuanceManifestProblemCode, reason: string): IssuanceRequestVerification {
  return { verified: false, problems: [{ code, reason }] };
}
