export { CANONICAL_DL_ORIGIN, epcToDigitalLink } from './epc-urn';
export {
  DigitalLinkError,
  buildDigitalLink,
  canonicalDigitalLink,
  lotDigitalLink,
  lotOfDigitalLink,
  parseDigitalLink,
  ssccDigitalLink,
  type DigitalLink,
  type ElementString,
} from './digital-link';
export { isValidLot } from './application-identifiers';
export { canonicalIdentifier } from './canonical-identifier';
