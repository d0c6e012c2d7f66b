/** Pure rules the services and the chaincode share: only `canonicalize` and `node:crypto`. */
export { canonicalJson, canonicalSha256 } from './canonical-json';
export {
  type ContainerNumber,
  ContainerNumberError,
  type EquipmentCategory,
  containerCheckDigit,
  isNormalisedContainerNumber,
  isValidContainerNumber,
  normaliseContainerNumber,
  parseContainerNumber,
} from './container-number';
export { FSMA_COLUMNS } from './fsma-204';
export { gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from './gs1-check-digit';
export {
  type AiValue,
  type DecompressedDigitalLink,
  DigitalLinkCompressionError,
  compressDigitalLink,
  decompressDigitalLink,
} from './gs1-digital-link-compression';
export { GS1_LOT_PATTERN, isValidLot } from './gs1-lot';
export { imoCheckDigit, isValidImoNumber, parseImoNumber } from './imo-number';
export { hasAtMostJsonValues } from './json-values';
export { comparableUnits, convertUnit } from './units-of-measure';
