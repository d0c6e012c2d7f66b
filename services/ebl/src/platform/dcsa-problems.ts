import { DcsaKind, validateDcsa } from '@pujiang/dcsa';
import { ProblemException } from '@pujiang/http';

export const DCSA_VALIDATION_PROBLEM = 'https://pujiang.dev/problems/dcsa-validation';

/** Refuses a body that is not the DCSA message it should be, naming every field at fault. */
export function requireDcsa(kind: DcsaKind, body: unknown): void {
  const result = validateDcsa(body, kind);
  if (result.valid) return;
  throw new ProblemException(
    400,
    `the body is not a valid DCSA ${kind}`,
    DCSA_VALIDATION_PROBLEM,
    result.violations.map((v) => ({ pointer: v.pointer, detail: `${v.path}: ${v.message}` })),
  );
}
