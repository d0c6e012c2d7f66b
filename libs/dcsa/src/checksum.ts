import { createHash } from 'node:crypto';
import { canonicalSha256 } from '@pujiang/standards';

/**
 * DCSA's checksum of a JSON value (`documentChecksum` and `issueToChecksum` of an issuance
 * manifest, `transportDocumentChecksum` in PINT): lower-case hex SHA-256 of its RFC 8785
 * canonical form, so that two platforms serialising the same document differently agree.
 */
export function documentChecksum(value: unknown): string {
  return canonicalSha256(value);
}

/**
 * DCSA's checksum of a signed content (a JWS in compact form, such as an entry of PINT's
 * `envelopeTransferChain`): SHA-256 of the string exactly as sent. It is not canonicalised,
 * being a string: {@link documentChecksum} of it would hash its JSON quoting instead.
 */
export function signedContentChecksum(compactJws: string): string {
  return createHash('sha256').update(compactJws, 'ascii').digest('hex');
}
