import { canonicalDigitalLink } from './digital-link';
import { epcToDigitalLink } from './epc-urn';

/**
 * Identifiers spelt recently, and their canonical form. A capture asks for
 * each identifier twice (its event hash, then its index rows) and for the
 * same locations and parties again in every event; working a spelling out
 * is most of the hash's cost. The answer depends on the text alone, so
 * keeping it changes nothing but time. Bounded: emptied when full.
 */
const KEPT_SPELLINGS = 50_000;
const kept = new Map<string, string>();

/**
 * One spelling of an identifier, for the event hash, for storage and for queries: a GS1 key,
 * whether an EPC URN or a Digital Link on any host, as its canonical Digital Link URI (an EPC
 * URN and its Digital Link name the same thing); any other text as written, trimmed.
 */
export function canonicalIdentifier(text: string): string {
  const known = kept.get(text);
  if (known !== undefined) return known;
  const canonical = spelling(text);
  if (kept.size >= KEPT_SPELLINGS) kept.clear();
  kept.set(text, canonical);
  return canonical;
}

function spelling(text: string): string {
  const value = text.trim();
  if (value.startsWith('urn:epc:')) return epcToDigitalLink(value) ?? value;
  if (/^https?:\/\//i.test(value)) return canonicalDigitalLink(value) ?? value;
  return value;
}
