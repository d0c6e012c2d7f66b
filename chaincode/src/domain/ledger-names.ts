import { LedgerErrorCode, MSP_ID_PATTERN } from '../../../libs/contracts/src/ledger';
import { refuse } from './refusal';

/**
 * What may stand for an organisation, a person or a key part on the ledger.
 * Shared by every contract, so a party written by one is read the same way by
 * the others.
 */
/**
 * A certificate CN usable in a ledger party: no `:` (so `msp::cn` splits one
 * way only), no `/` or `\` (ambiguous in Fabric's client id), no control
 * characters, no surrounding blanks; 64 is X.509's upper bound for a CN.
 */
const COMMON_NAME = /^(?!\s)[^:/\\\p{Cc}]{1,64}(?<!\s)$/u;
/** Control characters and U+10FFFF cannot appear in a Fabric composite key attribute. */
const KEY_UNSAFE = /[\p{Cc}\u{10FFFF}]/u;

export function isCommonName(value: string): boolean {
  return COMMON_NAME.test(value);
}

export function isMspId(value: string): boolean {
  return MSP_ID_PATTERN.test(value);
}

/** False for text that a composite key (or a peer log line) cannot carry. */
export function isKeySafe(value: string): boolean {
  return !KEY_UNSAFE.test(value);
}

/** The MSP id of a well-formed ledger party, or undefined when the value is not one. */
export function mspIdOfParty(value: string): string | undefined {
  const separator = value.indexOf('::');
  if (separator < 0) return undefined;
  const mspId = value.slice(0, separator);
  return isMspId(mspId) && isCommonName(value.slice(separator + 2)) ? mspId : undefined;
}

export function parseMspId(raw: string, name: string): string {
  return isMspId(raw) ? raw : refuse(LedgerErrorCode.invalidArgument, `${name} is not an MSP id`);
}
