import { detectDcsaKind } from './detect-kind';
import type { DcsaKind } from './kinds';
import { dcsaValidator } from './validators';
import { toViolations, type DcsaViolation } from './violations';

export type DcsaValidation =
  | { readonly kind: DcsaKind; readonly valid: true }
  | { readonly kind: DcsaKind; readonly valid: false; readonly violations: DcsaViolation[] };

/**
 * Checks a message against DCSA's own schema for its kind: the one given, or else the one
 * its shape names (an unrecognised shape throws `DcsaKindError`).
 */
export function validateDcsa(message: unknown, kind?: DcsaKind): DcsaValidation {
  const resolved = kind ?? detectDcsaKind(message);
  const validate = dcsaValidator(resolved);
  if (validate(message)) return { kind: resolved, valid: true };
  return { kind: resolved, valid: false, violations: toViolations(validate.errors ?? [], message) };
}
