import { evidenceBundleOpenApiSchema } from './bundle-schema';

describe('the evidence bundle schema in an OpenAPI 3.0 document', () => {
  it('has no JSON Schema references or keywords OpenAPI 3.0 lacks', () => {
    const text = JSON.stringify(evidenceBundleOpenApiSchema());
    expect(text).not.toMatch(/"\$ref"|"\$schema"|"\$id"|"definitions"|"const"/);
  });

  it('keeps every constraint, inlined', () => {
    const schema = evidenceBundleOpenApiSchema() as {
      properties: Record<
        string,
        { enum?: unknown[]; items?: { properties?: Record<string, unknown> } }
      >;
    };
    expect(schema.properties.version?.enum).toEqual([1]);
    expect(schema.properties.transactions?.items?.properties?.txId).toEqual({
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
    });
  });
});
