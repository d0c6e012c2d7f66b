import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DCSA_KIND_NAMES, DCSA_KINDS, type DcsaKind, type DcsaSpec } from './kinds';
import { addOpenApiFormats } from './openapi/formats';
import { loadSpec } from './specs';

/**
 * How a validator reports: `first` stops at the first error (any message, however large,
 * costs one error); `every` collects them all (ajv has no cap, so only for small messages).
 */
export type DcsaReport = 'first' | 'every';

/**
 * One ajv per specification and report, holding all its definitions: a kind compiled after
 * another of the same specification reuses what they share (the transport document after
 * the shipping instructions compiles in a third of the time).
 */
const instances = new Map<string, Ajv>();
const validators = new Map<string, ValidateFunction>();

/**
 * The kind's validator, compiled on first use and kept for the life of the process. The
 * first use is slow (reading and converting the eBL specification ≈ 0.2 s, compiling a
 * transport document or shipping instructions ≈ 0.2 s more; decision record 0007 has the
 * figures), checking a message afterwards takes microseconds.
 */
export function dcsaValidator(kind: DcsaKind, report: DcsaReport = 'every'): ValidateFunction {
  const cached = validators.get(`${kind} ${report}`);
  if (cached) return cached;
  const { spec, schema } = DCSA_KINDS[kind];
  const validate = ajvFor(spec, report).getSchema(`${specId(spec)}#/definitions/${schema}`);
  if (!validate) throw new Error(`${spec} defines no schema ${schema}`);
  validators.set(`${kind} ${report}`, validate);
  return validate;
}

function ajvFor(spec: DcsaSpec, report: DcsaReport): Ajv {
  const existing = instances.get(`${spec} ${report}`);
  if (existing) return existing;
  const ajv = new Ajv({
    allErrors: report === 'every',
    // Errors carry their schema objects, by which toViolations tells oneOf branches apart.
    verbose: true,
    // Fully strict: an OpenAPI keyword the converter left behind, a format nobody declared
    // or a `required` naming no property fails the compilation instead of being ignored.
    strict: true,
  });
  addFormats(ajv);
  addOpenApiFormats(ajv);
  ajv.addSchema({ $id: specId(spec), definitions: loadSpec(spec).definitions });
  instances.set(`${spec} ${report}`, ajv);
  return ajv;
}

function specId(spec: DcsaSpec): string {
  return `https://pujiang.local/dcsa/${spec}.json`;
}

/**
 * Compiles the kinds' validators now rather than on the first message, e.g. while a service
 * boots; answers the milliseconds each took (0 for one compiled before).
 */
export function precompileDcsaValidators(
  kinds: readonly DcsaKind[] = DCSA_KIND_NAMES,
): Partial<Record<DcsaKind, number>> {
  const took: Partial<Record<DcsaKind, number>> = {};
  for (const kind of kinds) {
    const start = performance.now();
    dcsaValidator(kind, 'first');
    dcsaValidator(kind, 'every');
    took[kind] = Math.round((performance.now() - start) * 10) / 10;
  }
  return took;
}
