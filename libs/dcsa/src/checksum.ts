import { createHash } from 'node:crypto';
import { canonicalSha256 } from '@pujiang/standards';

/** A DCSA checksum: lower-case hex SHA-256, 64 characters. */
export type Sha256Hex = string;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether a value has the form every DCSA checksum field requires (`^[0-9a-f]+$`, 64 long). */
export function isSha256Hex(value: unknown): value is Sha256Hex {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

/**
 * DCSA's checksum of a JSON value (`documentChecksum` and `issueToChecksum` of an issuance
 * manifest, `transportDocumentChecksum` in PINT): lower-case hex SHA-256 of its RFC 8785
 * canonical form, so that two platforms serialising the same document differently agree.
 */
export function jsonChecksum(value: unknown): Sha256Hex {
  return canonicalSha256(value);
}

/**
 * DCSA's checksum of a binary document (the carrier's visualisation, a supporting document):
 * taken over the decoded bytes, never over their Base64 transport form.
 */
export function bytesChecksum(bytes: Uint8Array): Sha256Hex {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * DCSA's checksum of a signed content (a JWS in compact form, such as an entry of PINT's
 * `envelopeTransferChain`): SHA-256 of the string exactly as sent, so that it pins the
 * signature as well as the payload. It is not canonicalised, being a string:
 * {@link jsonChecksum} of it would hash its JSON quoting instead.
 */
export function signedContentChecksum(compactJws: string): Sha256Hex {
  return createHash('sha256').update(compactJws, 'ascii').digest('hex');
}
