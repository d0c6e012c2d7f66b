import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { FieldProblem } from '@pujiang/http';
import { hasAtMostJsonValues } from '@pujiang/standards';
import gs1Schema from './gs1-schema/EPCIS-JSON-Schema.json';

// Keywords that only say "some branch failed"; the branch's own error says which field.
const BRANCH_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'not']);

/**
 * Bodies up to this many JSON values (a document of a few dozen events) get
 * every mistake named; larger ones only the first. ajv's allErrors has no
 * cap: a body of a hundred thousand wrong values would cost a hundred
 * thousand error objects, and the condensing after them, on every request.
 */
export const FULL_REPORT_MAX_VALUES = 5_000;

/** Problems named in one answer, at most. */
export const MAX_REPORTED_PROBLEMS = 100;

/**
 * GS1's EPCIS 2.0 JSON Schema, compiled once. Its errors are reduced to one
 * per field, pointing at the field itself (a missing property points at
 * where it should be), because the schema's if/anyOf branches otherwise
 * report the same mistake several times over. A body is first checked up to
 * its first error; only a small invalid one is checked again for all of them.
 */
export class EpcisSchema {
  private readonly firstError: ValidateFunction;
  private readonly everyError: ValidateFunction;

  constructor() {
    this.firstError = compile(false);
    this.everyError = compile(true);
  }

  problems(document: unknown): FieldProblem[] {
    if (this.firstError(document)) return [];
    let errors = this.firstError.errors ?? [];
    if (hasAtMostJsonValues(document, FULL_REPORT_MAX_VALUES) && !this.everyError(document)) {
      errors = this.everyError.errors ?? errors;
    }
    return condense(errors).slice(0, MAX_REPORTED_PROBLEMS);
  }
}

function compile(allErrors: boolean): ValidateFunction {
  const ajv = new Ajv({ allErrors, strict: false });
  addFormats(ajv);
  return ajv.compile(gs1Schema);
}

function condense(errors: ErrorObject[]): FieldProblem[] {
  const byPointer = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (BRANCH_KEYWORDS.has(error.keyword)) continue;
    const pointer = pointerOf(error);
    byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), error]);
  }
  if (byPointer.size === 0 && errors[0] !== undefined) {
    return [{ pointer: pointerOf(errors[0]), detail: errors[0].message ?? 'is not valid' }];
  }
  return [...byPointer].map(([pointer, found]) => ({ pointer, detail: describe(found) }));
}

function pointerOf(error: ErrorObject): string {
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  return typeof missing === 'string'
    ? `${error.instancePath}/${missing}`
    : error.instancePath || '/';
}

function describe(errors: ErrorObject[]): string {
  const allowed = errors.flatMap((e) =>
    e.keyword === 'enum' ? ((e.params as { allowedValues: unknown[] }).allowedValues ?? []) : [],
  );
  if (allowed.length > 0) return `must be one of ${allowed.map(String).join(', ')}`;
  const first = errors.find((e) => e.keyword !== 'pattern') ?? errors[0];
  if (first?.keyword === 'required') return 'is required';
  return first?.message ?? 'is not valid';
}
