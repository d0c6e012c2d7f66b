import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { EvidenceBundle } from './evidence-bundle';
import schema from './evidence-bundle.schema.json';

const ajv = new Ajv({ allErrors: false, strict: true });
addFormats(ajv);
const validate = ajv.compile<EvidenceBundle>(schema);

export { schema as EVIDENCE_BUNDLE_SCHEMA };

/** The bundle, or why it does not follow the format (the first schema violation). */
export function checkBundleFormat(value: unknown): { bundle: EvidenceBundle } | { reason: string } {
  if (validate(value)) return { bundle: value };
  const [error] = validate.errors ?? [];
  return {
    reason: `not an evidence bundle of version 1: ${error?.instancePath || '/'} ${error?.message ?? 'is invalid'}`,
  };
}
