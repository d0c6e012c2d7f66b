import type { ErrorObject } from 'ajv';
import { childPath, pointerToJsonPath } from './json-path';

/** One field that breaks the DCSA schema: where it is and what is wrong with it. */
export interface DcsaViolation {
  /** JSON path (`$.documentParties.shipper.partyName`), as DCSA's `DetailedError.jsonPath`. */
  readonly path: string;
  /** The same place as a JSON pointer (RFC 6901), for problem details that use pointers. */
  readonly pointer: string;
  readonly message: string;
}

// They only say that some branch failed; the branch's own errors say which field.
const BRANCH_KEYWORDS = new Set(['if', 'then', 'else', 'allOf', 'oneOf', 'anyOf']);
// Errors that mean a branch does not apply to the value at all, rather than applies and fails.
const MISFIT_KEYWORDS = new Set(['required', 'type']);

/**
 * ajv's errors reduced to one violation per field. A missing property is reported at its
 * own path. A failed oneOf/anyOf reports the errors of the branch the value evidently
 * meant (the one whose required properties it has); when it meant none, one violation at
 * the value names the alternatives, instead of one "is required" per branch.
 */
export function toViolations(errors: readonly ErrorObject[], document: unknown): DcsaViolation[] {
  const hidden = new Set<ErrorObject>();
  const summaries = new Map<ErrorObject, DcsaViolation>();
  for (const composite of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    if (hidden.has(composite)) continue;
    const outcome = resolveComposite(composite, errors, document);
    outcome.hide.forEach((e) => hidden.add(e));
    if (outcome.summary) summaries.set(composite, outcome.summary);
  }

  const byPath = new Map<string, { pointer: string; messages: string[] }>();
  const add = ({ path, pointer, message }: DcsaViolation): void => {
    const field = byPath.get(path) ?? { pointer, messages: [] };
    if (!field.messages.includes(message)) field.messages.push(message);
    byPath.set(path, field);
  };
  for (const error of errors) {
    if (hidden.has(error)) continue;
    const summary = summaries.get(error);
    if (summary) add(summary);
    else if (!BRANCH_KEYWORDS.has(error.keyword)) {
      add({ ...placeOf(error, document), message: describe(error) });
    }
  }
  if (byPath.size === 0 && errors[0] !== undefined) {
    add({ ...placeOf(errors[0], document), message: errors[0].message ?? 'is not valid' });
  }
  return [...byPath].map(([path, { pointer, messages }]) => ({
    path,
    pointer,
    message: messages.join('; '),
  }));
}

interface CompositeOutcome {
  readonly hide: readonly ErrorObject[];
  readonly summary?: DcsaViolation;
}

function resolveComposite(
  composite: ErrorObject,
  errors: readonly ErrorObject[],
  document: unknown,
): CompositeOutcome {
  const branches: unknown[] = Array.isArray(composite.schema) ? composite.schema : [];
  const members = branches.map((branch) => {
    const inBranch = schemaObjects(branch);
    return errors.filter(
      (e) =>
        e !== composite &&
        isWithin(e.instancePath, composite.instancePath) &&
        inBranch.has(e.parentSchema),
    );
  });
  const all = members.flat();
  const place = placeOf(composite, document);

  const passing = (composite.params as { passingSchemas?: unknown }).passingSchemas;
  if (Array.isArray(passing)) {
    const names = passing.map((i) => branchName(branches[Number(i)], Number(i)));
    return {
      hide: all,
      summary: { ...place, message: `must have only one of ${names.join(', ')}` },
    };
  }

  const fits = members.filter(
    (m) =>
      m.length > 0 &&
      !m.some((e) => e.instancePath === composite.instancePath && MISFIT_KEYWORDS.has(e.keyword)),
  );
  if (fits.length > 0) {
    const best = fits.reduce((a, b) => (b.length < a.length ? b : a));
    return { hide: [composite, ...all.filter((e) => !best.includes(e))] };
  }
  const names = branches.map((b, i) => branchName(b, i));
  const quantifier = composite.keyword === 'oneOf' ? 'exactly one of' : 'at least one of';
  return {
    hide: all,
    summary: { ...place, message: `must have ${quantifier} ${names.join(', ')}` },
  };
}

/** A branch by the properties it requires (what the sender must add), else by its title. */
function branchName(branch: unknown, index: number): string {
  if (isRecord(branch)) {
    const required = branch.required;
    if (Array.isArray(required) && required.length > 0) return required.map(String).join(' + ');
    if (typeof branch.title === 'string') return branch.title;
  }
  return `alternative ${index + 1}`;
}

/** Every schema object inside a branch (not following $ref), to recognise its errors by. */
function schemaObjects(schema: unknown, found = new Set<unknown>()): Set<unknown> {
  if (Array.isArray(schema)) {
    schema.forEach((s) => schemaObjects(s, found));
  } else if (isRecord(schema) && !found.has(schema)) {
    found.add(schema);
    Object.values(schema).forEach((v) => schemaObjects(v, found));
  }
  return found;
}

/** Where the error is; a missing property is placed at the property, not at its parent. */
function placeOf(error: ErrorObject, document: unknown): { path: string; pointer: string } {
  const path = pointerToJsonPath(error.instancePath, document);
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  if (error.keyword !== 'required' || typeof missing !== 'string') {
    return { path, pointer: error.instancePath };
  }
  return {
    path: childPath(path, missing),
    pointer: `${error.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}`,
  };
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'enum': {
      const allowed = (error.params as { allowedValues?: unknown }).allowedValues;
      return Array.isArray(allowed)
        ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`
        : (error.message ?? 'is not an allowed value');
    }
    default:
      return error.message ?? 'is not valid';
  }
}

function isWithin(pointer: string, parent: string): boolean {
  return pointer === parent || pointer.startsWith(`${parent}/`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
