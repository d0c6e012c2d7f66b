import { bytesChecksum } from '@pujiang/dcsa';
import type { DocumentChecksum, DocumentMetadata, EnvelopeManifest } from './pint-types';

/**
 * Every additional document an envelope manifest announces: the carrier's visualisation
 * first (when there is one), then the supporting documents, once per checksum. These are
 * what the receiver must hold before it may accept the transfer.
 *
 * @returns the documents, or a problem when one checksum is announced with two different
 *          sizes (the sender could never satisfy both; PINT `BENV`)
 */
export function announcedDocuments(
  manifest: EnvelopeManifest,
): { readonly documents: readonly DocumentMetadata[] } | { readonly problem: string } {
  const all = [
    ...(manifest.eBLVisualisationByCarrier === undefined
      ? []
      : [manifest.eBLVisualisationByCarrier]),
    ...(manifest.supportingDocuments ?? []),
  ];
  const byChecksum = new Map<DocumentChecksum, DocumentMetadata>();
  for (const document of all) {
    const seen = byChecksum.get(document.documentChecksum);
    if (seen === undefined) {
      byChecksum.set(document.documentChecksum, document);
    } else if (seen.size !== document.size) {
      return {
        problem: `document ${document.documentChecksum} is announced with sizes ${seen.size} and ${document.size}`,
      };
    }
  }
  return { documents: [...byChecksum.values()] };
}

/** The announced document a `PUT …/additional-documents/{documentChecksum}` refers to, if any. */
export function findAnnouncedDocument(
  announced: readonly DocumentMetadata[],
  documentChecksum: string,
): DocumentMetadata | undefined {
  return announced.find((document) => document.documentChecksum === documentChecksum);
}

/** The receiver's judgement of one additional document received. */
export type AdditionalDocumentCheck =
  | { readonly ok: true; readonly documentChecksum: DocumentChecksum }
  | { readonly ok: false; readonly responseCode: 'INCD'; readonly reason: string };

/**
 * Checks the decoded bytes of an additional document against what the manifest announced:
 * its SHA-256 and its size. A mismatch is INCD, which does not reject the transfer: the
 * sender may send the right bytes again. A document that was never announced is INCD too
 * (pass `undefined` as `expected`).
 */
export function verifyAdditionalDocument(
  expected: DocumentMetadata | undefined,
  bytes: Uint8Array,
): AdditionalDocumentCheck {
  if (expected === undefined) {
    return inconclusive('the document was not announced in the envelope manifest');
  }
  const actual = bytesChecksum(bytes);
  if (actual !== expected.documentChecksum) {
    return inconclusive(`document ${expected.documentChecksum} arrived with checksum ${actual}`);
  }
  if (bytes.byteLength !== expected.size) {
    return inconclusive(
      `document ${expected.documentChecksum} is ${bytes.byteLength} bytes, ${expected.size} were announced`,
    );
  }
  return { ok: true, documentChecksum: actual };
}

/** The receiver's answer to `PUT …/finish-transfer`, before it is signed. */
export type FinishTransferOutcome =
  | {
      readonly responseCode: 'RECE';
      readonly receivedAdditionalDocumentChecksums: readonly DocumentChecksum[];
    }
  | {
      readonly responseCode: 'MDOC';
      readonly missingAdditionalDocumentChecksums: readonly DocumentChecksum[];
      readonly reason: string;
    };

/**
 * Decides a finish-transfer: RECE when every announced document is held (by this transfer
 * or from before), listing them all as the signed receipt PINT asks for; otherwise MDOC,
 * listing what is missing, which leaves the transfer open for the sender to complete.
 */
export function finishTransfer(
  announced: readonly DocumentMetadata[],
  held: ReadonlySet<DocumentChecksum>,
): FinishTransferOutcome {
  const checksums = announced.map((document) => document.documentChecksum);
  const missing = checksums.filter((checksum) => !held.has(checksum));
  if (missing.length > 0) {
    return {
      responseCode: 'MDOC',
      missingAdditionalDocumentChecksums: missing,
      reason: `${missing.length} of ${checksums.length} additional document(s) not received`,
    };
  }
  return { responseCode: 'RECE', receivedAdditionalDocumentChecksums: checksums };
}

function inconclusive(reason: string): AdditionalDocumentCheck {
  return { ok: false, responseCode: 'INCD', reason };
}

/**
 * How an envelope manifest announces the documents an eBL travels with: the carrier's
 * visualisation in its own field (at most one: the one the carrier signed a checksum for),
 * every other document as a supporting document.
 */
export function manifestDocuments(
  held: readonly (DocumentMetadata & { readonly kind: 'VISUALISATION' | 'SUPPORTING' })[],
): {
  readonly eBLVisualisationByCarrier?: DocumentMetadata;
  readonly supportingDocuments: readonly DocumentMetadata[];
} {
  const metadata = ({ name, size, mediaType, documentChecksum }: DocumentMetadata) => ({
    name,
    size,
    mediaType,
    documentChecksum,
  });
  const visualisation = held.find((document) => document.kind === 'VISUALISATION');
  return {
    ...(visualisation === undefined ? {} : { eBLVisualisationByCarrier: metadata(visualisation) }),
    supportingDocuments: held.filter((document) => document.kind === 'SUPPORTING').map(metadata),
  };
}
