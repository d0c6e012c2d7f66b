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
 * Checksum of a JSON value (a transport document, an `issueTo` party): SHA-256 over its
 * RFC 8785 canonical form, so that key order and whitespace never change it.
 */
export function jsonChecksum(value: unknown): Sha256Hex {
  return canonicalSha256(value);
}

/**
 * Checksum of a binary document (the carrier's visualisation, a supporting document),
 * taken over the decoded bytes, never over their Base64 transport form.
 */
export function bytesChecksum(bytes: Uint8Array): Sha256Hex {
  return sha256(bytes);
}

/**
 * Checksum of signed content (an envelope transfer chain entry): PINT takes it over the
 * entire JWS compact serialisation as sent, not over the decoded payload, so that it pins
 * the signature as well as the content.
 */
export function signedContentChecksum(compactJws: string): Sha256Hex {
  return sha256(Buffer.from(compactJws, 'ascii'));
}

function sha256(data: string | Uint8Array): Sha256Hex {
  return createHash('sha256').update(data).digest('hex');
}
