// @ts-check
/**
 * Validates Kubernetes objects against the schemas of the kubernetes-models packages:
 * Kubernetes itself, Strimzi (kafka.strimzi.io), CloudNativePG (postgresql.cnpg.io) and
 * prometheus-operator (monitoring.coreos.com).
 * An object whose apiVersion/kind has no model is an error, never skipped.
 *
 * A separate Node process because those packages are ES modules only, which the
 * jest (CommonJS) runtime cannot load.   stdin: a JSON array of objects;
 * stdout: a JSON array with, per object, null (valid) or the reason it is not.
 */
import { text } from 'node:stream/consumers';

/** API group → the package whose models cover it. */
const PACKAGES = new Map([
  ['', 'kubernetes-models'],
  ['apps', 'kubernetes-models'],
  ['batch', 'kubernetes-models'],
  ['policy', 'kubernetes-models'],
  ['autoscaling', 'kubernetes-models'],
  ['networking.k8s.io', 'kubernetes-models'],
  ['kafka.strimzi.io', '@kubernetes-models/strimzi-kafka-operator'],
  ['postgresql.cnpg.io', '@kubernetes-models/cloudnative-pg'],
  ['monitoring.coreos.com', '@kubernetes-models/prometheus-operator'],
]);

/** @param {{ apiVersion?: unknown, kind?: unknown }} object */
async function modelOf(object) {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z]+$/.test(kind)) {
    throw new Error('no apiVersion or kind');
  }
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const pkg = PACKAGES.get(group);
  if (pkg === undefined) throw new Error(`no schema for API group "${group}" (${apiVersion})`);
  let module;
  try {
    module = await import(`${pkg}/${apiVersion}/${kind}`);
  } catch {
    throw new Error(`no schema for ${apiVersion} ${kind}`);
  }
  const Model = module[kind];
  if (Model?.apiVersion !== apiVersion || Model?.kind !== kind) {
    throw new Error(`the ${apiVersion} ${kind} model does not match`);
  }
  return Model;
}

const objects = JSON.parse(await text(process.stdin));
const results = [];
for (const object of objects) {
  try {
    const Model = await modelOf(object);
    new Model(object).validate();
    results.push(null);
  } catch (error) {
    results.push(error instanceof Error ? error.message : String(error));
  }
}
process.stdout.write(JSON.stringify(results));
