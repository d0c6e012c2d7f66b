/**
 * OpenAPI 3.0 Schema Objects as JSON Schema draft-07, for ajv.
 *
 * OpenAPI 3.0 is "an extended subset" of JSON Schema Wright draft 00: most keywords mean the
 * same, a few do not, and some are OpenAPI's own. Only those differ here; everything else is
 * copied, so that a keyword this converter does not know reaches ajv (strict mode) and fails
 * loudly instead of being dropped silently.
 */
export type JsonSchema = { [keyword: string]: unknown };

const COMPONENT_REF = '#/components/schemas/';

/** Keywords that describe or document, never constrain; ajv's strict mode rejects them. */
const DROPPED = new Set(['example', 'xml', 'externalDocs']);

/** Keywords whose value is one schema, or a list of schemas. */
const SUBSCHEMA = new Set(['items', 'not', 'additionalProperties']);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);

export class OpenApiSchemaError extends Error {
  override readonly name = 'OpenApiSchemaError';
}

/**
 * Converts every schema of `components.schemas` into a `definitions` map, with
 * `#/components/schemas/X` references rewritten to `#/definitions/X`.
 */
export function componentsToDefinitions(schemas: unknown): Record<string, JsonSchema> {
  if (!isObject(schemas)) throw new OpenApiSchemaError('components.schemas must be an object');
  const names = new Set(Object.keys(schemas));
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name,
      toJsonSchema(schema, `#/components/schemas/${name}`, names),
    ]),
  );
}

/** One schema; `at` names it in errors, `known` are the component names a $ref may target. */
export function toJsonSchema(schema: unknown, at: string, known: ReadonlySet<string>): JsonSchema {
  if (!isObject(schema)) throw new OpenApiSchemaError(`${at}: a schema must be an object`);
  // In OpenAPI 3.0 a $ref replaces its object: keywords beside it are ignored, not merged.
  if ('$ref' in schema) return { $ref: definitionRef(schema.$ref, at, known) };

  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword) || keyword.startsWith('x-')) continue;
    if (keyword === 'nullable' || keyword === 'discriminator') continue; // handled below
    if (keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') continue; // below
    if (keyword === 'properties') {
      out.properties = mapProperties(value, `${at}/properties`, known);
    } else if (SUBSCHEMA.has(keyword) && typeof value !== 'boolean') {
      out[keyword] = toJsonSchema(value, `${at}/${keyword}`, known);
    } else if (SUBSCHEMA_LIST.has(keyword)) {
      out[keyword] = asList(value, `${at}/${keyword}`).map((s, i) =>
        toJsonSchema(s, `${at}/${keyword}/${i}`, known),
      );
    } else {
      out[keyword] = value;
    }
  }
  exclusiveBound(schema, out, 'Minimum', at);
  exclusiveBound(schema, out, 'Maximum', at);
  if (schema.nullable === true) allowNull(out);
  if ('discriminator' in schema) applyDiscriminator(schema.discriminator, out, at, known);
  return out;
}

function mapProperties(value: unknown, at: string, known: ReadonlySet<string>): JsonSchema {
  if (!isObject(value)) throw new OpenApiSchemaError(`${at} must be an object`);
  return Object.fromEntries(
    Object.entries(value).map(([name, s]) => [name, toJsonSchema(s, `${at}/${name}`, known)]),
  );
}

function definitionRef(ref: unknown, at: string, known: ReadonlySet<string>): string {
  if (typeof ref !== 'string' || !ref.startsWith(COMPONENT_REF)) {
    throw new OpenApiSchemaError(`${at}: only ${COMPONENT_REF}… references are supported`);
  }
  const name = ref.slice(COMPONENT_REF.length);
  if (!known.has(name)) throw new OpenApiSchemaError(`${at}: ${ref} is not defined`);
  return `#/definitions/${name}`;
}

/**
 * OpenAPI 3.0 (like draft-04) makes `exclusiveMinimum: true` a flag on `minimum`; draft-06
 * onwards makes it the bound itself. A numeric value is already the new form.
 */
function exclusiveBound(
  schema: JsonSchema,
  out: JsonSchema,
  bound: 'Minimum' | 'Maximum',
  at: string,
): void {
  const flag = schema[`exclusive${bound}`];
  const limit = bound === 'Minimum' ? 'minimum' : 'maximum';
  if (flag === undefined || flag === false) return;
  if (typeof flag === 'number') {
    out[`exclusive${bound}`] = flag;
  } else if (flag === true) {
    if (typeof schema[limit] !== 'number') {
      throw new OpenApiSchemaError(`${at}: exclusive${bound} without ${limit}`);
    }
    out[`exclusive${bound}`] = schema[limit];
    delete out[limit];
  } else {
    throw new OpenApiSchemaError(`${at}: exclusive${bound} must be a boolean`);
  }
}

function allowNull(out: JsonSchema): void {
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  const values = listOf(out.enum);
  if (values && !values.includes(null)) out.enum = [...values, null];
}

/**
 * A discriminator names the branch to validate against; without it a oneOf whose branches
 * do not exclude each other (DCSA's UTEquipment and UTEquipmentReference both accept
 * `isShipperOwned` of either value) would accept the wrong branch. The mapping becomes one
 * if/then per value, which also makes ajv report the chosen branch's errors only. A
 * discriminator without a mapping for every branch is left to the oneOf.
 */
function applyDiscriminator(
  discriminator: unknown,
  out: JsonSchema,
  at: string,
  known: ReadonlySet<string>,
): void {
  if (!isObject(discriminator) || typeof discriminator.propertyName !== 'string') {
    throw new OpenApiSchemaError(`${at}/discriminator must name a propertyName`);
  }
  const property = discriminator.propertyName;
  const mapping = isObject(discriminator.mapping) ? discriminator.mapping : {};
  const branches = Array.isArray(out.oneOf) ? out.oneOf : out.anyOf;
  if (!Array.isArray(branches)) return;
  const branchRefs = branches.map((b) => (isObject(b) ? b.$ref : undefined));
  const cases = Object.entries(mapping).map(([value, ref]) => ({
    value,
    ref: definitionRef(ref, `${at}/discriminator/mapping/${value}`, known),
  }));
  const mapped = new Set(cases.map((c) => c.ref));
  if (!branchRefs.every((ref) => typeof ref === 'string' && mapped.has(ref))) return;

  delete out.oneOf;
  delete out.anyOf;
  const required = listOf(out.required) ?? [];
  out.required = required.includes(property) ? required : [...required, property];
  out.allOf = [
    ...(listOf(out.allOf) ?? []),
    ...cases.map(({ value, ref }) => ({
      if: {
        properties: { [property]: { enum: discriminatorValues(value) } },
        required: [property],
      },
      then: { $ref: ref },
    })),
  ];
}

/** Mapping keys are strings; a boolean or numeric discriminator is matched by its JSON value. */
function discriminatorValues(key: string): unknown[] {
  const parsed: unknown = /^(true|false|-?\d+(\.\d+)?)$/.test(key) ? JSON.parse(key) : key;
  return parsed === key ? [key] : [key, parsed];
}

function asList(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new OpenApiSchemaError(`${at} must be a list of schemas`);
  return value;
}

function listOf(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? (value as unknown[]) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
