import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { DcsaSpec } from './kinds';
import { componentsToDefinitions, type JsonSchema } from './openapi/to-json-schema';

/**
 * DCSA's specifications travel with the library, beside `src/`, so the same relative path
 * holds under ts-node and jest (libs/dcsa/src) and in a build (dist/…/libs/dcsa/src), as long
 * as the build copies `libs/dcsa/specs/` next to the compiled library.
 */
export const DCSA_SPECS_DIR = join(__dirname, '..', 'specs');

export interface ConvertedSpec {
  readonly name: DcsaSpec;
  /** The specification's own version (`info.version`); DCSA names files by minor version. */
  readonly version: string;
  readonly definitions: Record<string, JsonSchema>;
}

const cache = new Map<DcsaSpec, ConvertedSpec>();

/** The specification's component schemas as JSON Schema definitions; read once per process. */
export function loadSpec(name: DcsaSpec): ConvertedSpec {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = join(DCSA_SPECS_DIR, `${name}.yaml`);
  if (!existsSync(file)) {
    throw new Error(
      `DCSA specification ${file} is missing: the build must copy libs/dcsa/specs/ beside the compiled library`,
    );
  }
  const document: unknown = parse(readFileSync(file, 'utf8'));
  const components = field(field(document, 'components'), 'schemas');
  const version = field(field(document, 'info'), 'version');
  const spec: ConvertedSpec = {
    name,
    version: typeof version === 'string' ? version : 'unknown',
    definitions: componentsToDefinitions(components),
  };
  cache.set(name, spec);
  return spec;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
