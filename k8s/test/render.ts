import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** What the checks read of a rendered object; the schemas validate the rest. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

const K8S_DIR = join(__dirname, '..');
export const KUSTOMIZE =
  process.env.KUSTOMIZE ?? join(homedir(), '.cache', 'pujiang', 'tools', 'bin', 'kustomize');

/** `kustomize build k8s/overlays/<overlay>`, parsed: offline, no cluster. */
export function render(overlay: string): K8sObject[] {
  if (!existsSync(KUSTOMIZE)) {
    throw new Error(
      `kustomize not found at ${KUSTOMIZE}: run \`bash scripts/k8s/install-kustomize.sh\` ` +
        '(npm run setup does), or set KUSTOMIZE to a kustomize v5 binary',
    );
  }
  const yaml = execFileSync(KUSTOMIZE, ['build', join(K8S_DIR, 'overlays', overlay)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(yaml).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
    return doc.toJS() as K8sObject;
  });
}

/**
 * Validates objects against the Kubernetes, Strimzi and CloudNativePG schemas
 * (test/validate-models.mjs); returns, per object, null or what is wrong with it.
 */
export function validateAgainstSchemas(objects: unknown[]): (string | null)[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'validate-models.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as (string | null)[];
}

export function ref(object: K8sObject): string {
  return `${object.kind} ${object.metadata.namespace ?? '-'}/${object.metadata.name}`;
}
