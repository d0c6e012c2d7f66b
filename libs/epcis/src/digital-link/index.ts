export { gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from './check-digit';
export { CANONICAL_DL_ORIGIN, epcToDigitalLink } from './epc-urn';
export {
  DigitalLinkError,
  buildDigitalLink,
  canonicalDigitalLink,
  parseDigitalLink,
  type DigitalLink,
  type ElementString,
} from './digital-link';
export { isValidLot } from './application-identifiers';
