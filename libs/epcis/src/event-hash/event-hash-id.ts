import { createHash } from 'node:crypto';
import { eventPreHashString, type EventHashContext } from './pre-hash';

/**
 * The event hash ID of an EPCIS event (GS1 CBV 2.0): the SHA-256 of its canonical pre-hash
 * string as a named-information URI (RFC 6920), `ni:///sha-256;<hex>?ver=CBV2.0`. Two captures
 * of the same event, however written, get the same ID.
 */
export function eventHashId(event: unknown, context?: EventHashContext): string {
  return preHashToHashId(eventPreHashString(event, context));
}

export function preHashToHashId(preHash: string): string {
  return eventHashIdOfDigest(createHash('sha256').update(preHash, 'utf8').digest('hex'));
}

const NI_PREFIX = 'ni:///sha-256;';
const NI_SUFFIX = '?ver=CBV2.0';
const DIGEST = /^[0-9a-f]{64}$/;

/**
 * The event hash ID whose digest is this lower-case hex SHA-256: the inverse of
 * eventHashDigest, for the IDs this module writes.
 */
export function eventHashIdOfDigest(digest: string): string {
  if (!DIGEST.test(digest)) throw new RangeError(`not a lower-case hex SHA-256: ${digest}`);
  return `${NI_PREFIX}${digest}${NI_SUFFIX}`;
}

/** The lower-case hex SHA-256 inside an event hash ID: what the ledger anchors for the event. */
export function eventHashDigest(eventHash: string): string {
  const digest = eventHash.slice(NI_PREFIX.length, NI_PREFIX.length + 64).toLowerCase();
  if (!eventHash.toLowerCase().startsWith(NI_PREFIX) || !DIGEST.test(digest)) {
    throw new Error(`not an event hash ID: ${eventHash}`);
  }
  return digest;
}
