import { canonicalDigitalLink } from './digital-link';
import { epcToDigitalLink } from './epc-urn';

/**
 * One spelling of an identifier, for the event hash, for storage and for queries: a GS1 key,
 * whether an EPC URN or a Digital Link on any host, as its canonical Digital Link URI (an EPC
 * URN and its Digital Link name the same thing); any other text as written, trimmed.
 */
export function canonicalIdentifier(text: string): string {
  const value = text.trim();
  if (value.startsWith('urn:epc:')) return epcToDigitalLink(value) ?? value;
  if (/^https?:\/\//i.test(value)) return canonicalDigitalLink(value) ?? value;
  return value;
}
