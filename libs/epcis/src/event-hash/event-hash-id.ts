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
  const hex = createHash('sha256').update(preHash, 'utf8').digest('hex');
  return `ni:///sha-256;${hex}?ver=CBV2.0`;
}
