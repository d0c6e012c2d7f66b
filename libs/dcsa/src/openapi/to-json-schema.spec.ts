import Ajv from 'ajv';
import { addOpenApiFormats } from './formats';
import { componentsToDefinitions, OpenApiSchemaError, toJsonSchema } from './to-json-schema';

const convert = (schema: unknown, known: string[] = []) =>
  toJsonSchema(schema, '#/test', new Set(known));

/** Compiles converted components with ajv in strict mode and validates `value` as `name`. */
function accepts(components: Record<string, unknown>, name: string, value: unknown): boolean {
  const ajv = new Ajv({ strict: true });
  addOpenApiFormats(ajv);
  ajv.addSchema({ $id: 'test', definitions: componentsToDefinitions(components) });
  const validate = ajv.getSchema(`test#/definitions/${name}`);
  if (!validate) throw new Error(`no ${name}`);
  return validate(value) as boolean;
}

describe('OpenAPI 3.0 schema to JSON Schema', () => {
  it('turns the boolean exclusiveMinimum/Maximum into the numeric bound', () => {
    const out = convert({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      exclusiveMaximum: true,
    });
    expect(out).toEqual({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 });
    expect(accepts({ N: out }, 'N', 0)).toBe(false);
    expect(accepts({ N: out }, 'N', 0.001)).toBe(true);
    expect(accepts({ N: out }, 'N', 10)).toBe(false);
  });

  it('keeps an inclusive bound when the flag is false, and a numeric bound as it is', () => {
    expect(convert({ type: 'number', minimum: 0, exclusiveMinimum: false })).toEqual({
      type: 'number',
      minimum: 0,
    });
    expect(convert({ type: 'number', exclusiveMaximum: 5 })).toEqual({
      type: 'number',
      exclusiveMaximum: 5,
    });
  });

  it('refuses an exclusive flag with no bound to apply it to', () => {
    expect(() => convert({ type: 'number', exclusiveMinimum: true })).toThrow(
      'exclusiveMinimum without minimum',
    );
  });

  it('lets null through a nullable type and enum', () => {
    const out = convert({ type: 'string', enum: ['A', 'B'], nullable: true });
    expect(out).toEqual({ type: ['string', 'null'], enum: ['A', 'B', null] });
    expect(accepts({ S: out }, 'S', null)).toBe(true);
    expect(accepts({ S: out }, 'S', 'C')).toBe(false);
  });

  it('drops example, xml, externalDocs and x- extensions but keeps a property named like them', () => {
    const out = convert({
      type: 'object',
      example: { a: 1 },
      'x-internal': true,
      xml: { name: 'a' },
      externalDocs: { url: 'https://dcsa.org' },
      title: 'T',
      properties: { example: { type: 'string', example: 'e' } },
    });
    expect(out).toEqual({
      type: 'object',
      title: 'T',
      properties: { example: { type: 'string' } },
    });
  });

  it('rewrites component references and ignores what stands beside a $ref, as OpenAPI 3.0 does', () => {
    expect(convert({ $ref: '#/components/schemas/Party', description: 'd' }, ['Party'])).toEqual({
      $ref: '#/definitions/Party',
    });
    expect(
      convert({ type: 'array', items: { $ref: '#/components/schemas/Party' } }, ['Party']),
    ).toEqual({ type: 'array', items: { $ref: '#/definitions/Party' } });
  });

  it('refuses references outside the specification or to undefined components', () => {
    expect(() => convert({ $ref: 'other.yaml#/components/schemas/Party' })).toThrow(
      OpenApiSchemaError,
    );
    expect(() => convert({ $ref: '#/components/schemas/Nope' }, ['Party'])).toThrow(
      '#/components/schemas/Nope is not defined',
    );
  });

  it('converts inside allOf, anyOf, oneOf, not, items and additionalProperties', () => {
    const bounded = { type: 'number', minimum: 1, exclusiveMinimum: true };
    const out = convert({
      allOf: [bounded],
      anyOf: [bounded],
      oneOf: [bounded],
      not: bounded,
      items: bounded,
      additionalProperties: bounded,
    });
    const converted = { type: 'number', exclusiveMinimum: 1 };
    expect(out).toEqual({
      allOf: [converted],
      anyOf: [converted],
      oneOf: [converted],
      not: converted,
      items: converted,
      additionalProperties: converted,
    });
  });

  describe('a discriminator with a boolean mapping (DCSA utilized transport equipment)', () => {
    const components = {
      Equipment: {
        type: 'object',
        properties: {
          seals: { type: 'array', minItems: 1 },
          isShipperOwned: { type: 'boolean' },
        },
        required: ['seals'],
        oneOf: [{ $ref: '#/components/schemas/Soc' }, { $ref: '#/components/schemas/Coc' }],
        discriminator: {
          propertyName: 'isShipperOwned',
          mapping: {
            true: '#/components/schemas/Soc',
            false: '#/components/schemas/Coc',
          },
        },
      },
      Soc: {
        type: 'object',
        properties: { isShipperOwned: { type: 'boolean' }, equipment: { type: 'object' } },
        required: ['isShipperOwned', 'equipment'],
      },
      Coc: {
        type: 'object',
        properties: {
          isShipperOwned: { type: 'boolean' },
          equipmentReference: { type: 'string' },
        },
        required: ['isShipperOwned', 'equipmentReference'],
      },
    };

    it('validates against the branch the discriminator names', () => {
      const seals = [{ number: 'S1' }];
      expect(
        accepts(components, 'Equipment', { seals, isShipperOwned: false, equipmentReference: 'R' }),
      ).toBe(true);
      expect(accepts(components, 'Equipment', { seals, isShipperOwned: true, equipment: {} })).toBe(
        true,
      );
      // A plain oneOf accepts this (it matches Coc only); the discriminator says Soc.
      expect(
        accepts(components, 'Equipment', { seals, isShipperOwned: true, equipmentReference: 'R' }),
      ).toBe(false);
    });

    it('requires the discriminating property', () => {
      expect(accepts(components, 'Equipment', { seals: [{}], equipmentReference: 'R' })).toBe(
        false,
      );
    });
  });
});
