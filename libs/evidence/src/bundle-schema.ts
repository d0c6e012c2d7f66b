import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { EvidenceBundle } from './evidence-bundle';
import schema from './evidence-bundle.schema.json';

const ajv = new Ajv({ allErrors: false, strict: true });
addFormats(ajv);
const validate = ajv.compile<EvidenceBundle>(schema);

export { schema as EVIDENCE_BUNDLE_SCHEMA };

/**
 * The same schema for an OpenAPI 3.0 document: its definitions inlined (a
 * `#/definitions/…` reference means nothing there) and `const` as a
 * one-value `enum`, which 3.0 knows.
 */
export function evidenceBundleOpenApiSchema(): Record<string, unknown> {
  const { definitions } = schema as { definitions: Record<string, unknown> };
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node as Record<string, unknown>);
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') return convert(definitions[ref.replace('#/definitions/', '')]);
    return Object.fromEntries(
      entries
        .filter(([key]) => !['$schema', '$id', 'definitions'].includes(key))
        .map(([key, value]) => (key === 'const' ? ['enum', [value]] : [key, convert(value)])),
    );
  };
  return convert(schema) as Record<string, unknown>;
}

/** The bundle, or why it does not follow the format (the first schema violation). */
export function checkBundleFormat(value: unknown): { bundle: EvidenceBundle } | { reason: string } {
  if (validate(value)) return { bundle: value };
  const [error] = validate.errors ?? [];
  return {
    reason: `not an evidence bundle of version 1: ${error?.instancePath || '/'} ${error?.message ?? 'is invalid'}`,
  };
}
