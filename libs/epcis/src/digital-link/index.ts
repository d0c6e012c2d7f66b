export { CANONICAL_DL_ORIGIN, epcToDigitalLink } from './epc-urn';
export { digitalLinkToEpc } from './digital-link-to-epc';
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
export { canonicalIdentifier } from './canonical-identifier';
// The lot rule lives with the other rules the chaincode shares.
export { isValidLot } from '@pujiang/standards';
export { epcPattern, type IdentifierPattern } from './epc-pattern';
