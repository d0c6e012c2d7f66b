import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { FieldProblem } from '@pujiang/http';
import gs1Schema from './gs1-schema/EPCIS-JSON-Schema.json';

// Keywords that only say "some branch failed"; the branch's own error says which field.
const BRANCH_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf', 'not']);

/**
 * GS1's EPCIS 2.0 JSON Schema, compiled once. Its errors are reduced to one
 * per field, pointing at the field itself (a missing property points at
 * where it should be), because the schema's if/anyOf branches otherwise
 * report the same mistake several times over.
 */
export class EpcisSchema {
  private readonly validate: ValidateFunction;

  constructor() {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    this.validate = ajv.compile(gs1Schema);
  }

  problems(document: unknown): FieldProblem[] {
    if (this.validate(document)) return [];
    return condense(this.validate.errors ?? []);
  }
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
