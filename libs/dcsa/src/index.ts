/**
 * DCSA eBL 3.0 messages: validation against DCSA's own OpenAPI specifications (converted to
 * JSON Schema when first needed) and the checksums DCSA computes over them.
 */
export { validateDcsa, type DcsaValidation } from './validate';
export type { DcsaViolation } from './violations';
export { detectDcsaKind, DcsaKindError } from './detect-kind';
export {
  DCSA_KINDS,
  DCSA_KIND_NAMES,
  isDcsaKind,
  type DcsaKind,
  type DcsaKindDefinition,
  type DcsaSpec,
} from './kinds';
export { precompileDcsaValidators } from './validators';
export { pointerToJsonPath } from './json-path';
export {
  type Sha256Hex,
  bytesChecksum,
  isSha256Hex,
  jsonChecksum,
  signedContentChecksum,
} from './checksum';
