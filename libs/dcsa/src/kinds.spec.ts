import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { DCSA_KIND_NAMES, DCSA_KINDS, DCSA_SPECS, isDcsaKind } from './kinds';
import { addOpenApiFormats } from './openapi/formats';
import type { JsonSchema } from './openapi/to-json-schema';
import { loadSpec } from './specs';
import { precompileDcsaValidators } from './validators';

const requiredOf = (schema: JsonSchema | undefined): unknown[] =>
  Array.isArray(schema?.required) ? schema.required : [];

describe('DCSA kinds', () => {
  it.each(DCSA_SPECS)('%s loads, and every schema in it compiles in strict mode', (spec) => {
    const { definitions, version } = loadSpec(spec);
    expect(version).toMatch(/^3\.0\.\d+$/);
    const ajv = new Ajv({ strict: true });
    addFormats(ajv);
    addOpenApiFormats(ajv);
    ajv.addSchema({ $id: 'spec', definitions });
    const names = Object.keys(definitions);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names)
      expect(typeof ajv.getSchema(`spec#/definitions/${name}`)).toBe('function');
  });

  it('compiles every kind', () => {
    const took = precompileDcsaValidators();
    expect(Object.keys(took).sort()).toEqual([...DCSA_KIND_NAMES].sort());
  });

  it.each(DCSA_KIND_NAMES)('%s is identified by properties its schema requires', (kind) => {
    const { spec, schema, signature } = DCSA_KINDS[kind];
    const required = requiredOf(loadSpec(spec).definitions[schema]);
    expect(required.length).toBeGreaterThan(0);
    expect(required).toEqual(expect.arrayContaining([...signature]));
  });

  it('no kind’s identifying properties are a subset of another’s', () => {
    for (const a of DCSA_KIND_NAMES) {
      for (const b of DCSA_KIND_NAMES) {
        if (a === b) continue;
        const others: readonly string[] = DCSA_KINDS[b].signature;
        const contained = DCSA_KINDS[a].signature.every((p) => others.includes(p));
        expect({ a, b, contained }).toEqual({ a, b, contained: false });
      }
    }
  });

  it('knows its kind names and nothing inherited', () => {
    expect(isDcsaKind('pintEnvelope')).toBe(true);
    expect(isDcsaKind('toString')).toBe(false);
    expect(isDcsaKind('TransportDocument')).toBe(false);
  });

  /**
   * The transport document kind uses the eBL specification's schema; Issuance and PINT are
   * checked against their own copies. Both must stay that schema minus the carrier's
   * `feedbacks`, or a document valid on one API would be refused on another.
   */
  it('Issuance’s and PINT’s TransportDocument are the eBL one without feedbacks', () => {
    const ebl = loadSpec('EBL_v3.0.0').definitions;
    for (const spec of ['EBL_ISS_v3.0.0', 'EBL_PINT_v3.0.0'] as const) {
      const copy = loadSpec(spec).definitions;
      for (const name of reachable(copy, 'TransportDocument')) {
        const expected =
          name === 'TransportDocument' ? withoutProperty(ebl[name], 'feedbacks') : ebl[name];
        expect({ spec, name, schema: constraints(copy[name]) }).toEqual({
          spec,
          name,
          schema: constraints(expected),
        });
      }
    }
  });
});

/** The names of the definitions `name` refers to, directly or not, itself included. */
function reachable(definitions: Record<string, JsonSchema>, name: string): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const target = value.replace('#/definitions/', '');
        if (!found.has(target)) {
          found.add(target);
          visit(definitions[target]);
        }
      } else visit(value);
    }
  };
  found.add(name);
  visit(definitions[name]);
  return found;
}

/** A schema without its prose: descriptions and titles differ between DCSA's files. */
function constraints(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(constraints);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(
        ([key, value]) => !(['description', 'title'].includes(key) && typeof value === 'string'),
      )
      .map(([key, value]) => [key, constraints(value)]),
  );
}

function withoutProperty(schema: JsonSchema | undefined, property: string): JsonSchema {
  const properties = { ...(schema?.properties as Record<string, unknown>) };
  delete properties[property];
  return { ...schema, properties };
}
