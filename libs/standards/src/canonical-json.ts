import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: the byte form that checksums and signatures are taken over,
 * and that the chaincode writes to state and events, where every endorsing peer must produce
 * the same bytes.
 */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('value has no JSON representation');
  return json;
}

/** Lower-case hex SHA-256 of the canonical JSON, as DCSA checksums are computed. */
export function canonicalSha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
