import { hasAtMostJsonValues } from '@pujiang/standards';
import { detectDcsaKind } from './detect-kind';
import type { DcsaKind } from './kinds';
import { dcsaValidator } from './validators';
import { toViolations, type DcsaViolation } from './violations';

export type DcsaValidation =
  | { readonly kind: DcsaKind; readonly valid: true }
  | { readonly kind: DcsaKind; readonly valid: false; readonly violations: DcsaViolation[] };

/**
 * Messages up to this many JSON values get every violation named; larger ones only the
 * first. ajv's allErrors has no cap: a message of a hundred thousand wrong values would cost
 * a hundred thousand error objects, and resolving oneOf branches among them, per request.
 */
export const FULL_REPORT_MAX_VALUES = 5_000;

/** Violations named in one answer, at most. */
export const MAX_REPORTED_VIOLATIONS = 100;

/**
 * Checks a message against DCSA's own schema for its kind: the one given, or else the one
 * its shape names (an unrecognised shape throws `DcsaKindError`). The message is checked up
 * to its first error; only a small invalid one is checked again for all of them.
 */
export function validateDcsa(message: unknown, kind?: DcsaKind): DcsaValidation {
  const resolved = kind ?? detectDcsaKind(message);
  const first = dcsaValidator(resolved, 'first');
  if (first(message)) return { kind: resolved, valid: true };
  let errors = first.errors ?? [];
  const every = dcsaValidator(resolved, 'every');
  if (hasAtMostJsonValues(message, FULL_REPORT_MAX_VALUES) && !every(message)) {
    errors = every.errors ?? errors;
  }
  const violations = toViolations(errors, message).slice(0, MAX_REPORTED_VIOLATIONS);
  return { kind: resolved, valid: false, violations };
}
