import { K8sObject } from './render';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
    fieldRef?: { fieldPath: string };
  };
}

interface Probe {
  httpGet?: { path: string; port: number | string };
  tcpSocket?: { port: number | string };
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
}

export interface Volume {
  name: string;
  secret?: { secretName: string; items?: { key: string; path: string }[] };
  configMap?: { name: string };
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  securityContext?: { runAsNonRoot?: boolean };
}

export interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}

const WORKLOADS = ['Deployment', 'StatefulSet', 'Job'];

export function isWorkload(object: K8sObject): boolean {
  return WORKLOADS.includes(object.kind);
}

export function podTemplate(object: K8sObject): PodTemplate {
  if (!isWorkload(object)) throw new Error(`${object.kind} has no pod template`);
  return (object.spec as { template: PodTemplate }).template;
}

export function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** A probe's or Service's port, by number or by the container port's name. */
export function resolvePort(container: Container, port: number | string | undefined): number {
  if (typeof port === 'number') return port;
  const found = container.ports?.find((p) => p.name === port);
  if (found === undefined) throw new Error(`${container.name} has no port named ${String(port)}`);
  return found.containerPort;
}

/** The container's environment: its own entries and the ConfigMaps it takes whole. */
export function environment(
  container: Container,
  configMaps: Map<string, Record<string, string>>,
): { values: Map<string, string | undefined>; fromSecrets: Set<string> } {
  const values = new Map<string, string | undefined>();
  const fromSecrets = new Set<string>();
  for (const source of container.envFrom ?? []) {
    if (source.secretRef !== undefined)
      throw new Error('envFrom a Secret hides which keys it sets');
    const data = configMaps.get(source.configMapRef?.name ?? '');
    if (data === undefined) throw new Error(`no ConfigMap ${source.configMapRef?.name}`);
    for (const [key, value] of Object.entries(data)) values.set(key, value);
  }
  for (const entry of container.env ?? []) {
    const fromMap = entry.valueFrom?.configMapKeyRef;
    values.set(
      entry.name,
      fromMap !== undefined ? configMaps.get(fromMap.name)?.[fromMap.key] : entry.value,
    );
    if (entry.valueFrom?.secretKeyRef !== undefined) fromSecrets.add(entry.name);
  }
  return { values, fromSecrets };
}

/** "<Secret>/<key>" a file path in the container comes from, if a mounted Secret holds it. */
export function secretFileAt(
  spec: PodSpec,
  container: Container,
  path: string,
): string | undefined {
  for (const mount of container.volumeMounts ?? []) {
    if (!path.startsWith(`${mount.mountPath}/`)) continue;
    const file = path.slice(mount.mountPath.length + 1);
    const secret = spec.volumes?.find((v) => v.name === mount.name)?.secret;
    if (secret === undefined) continue;
    const key = secret.items === undefined ? file : secret.items.find((i) => i.path === file)?.key;
    if (key !== undefined) return `${secret.secretName}/${key}`;
  }
  return undefined;
}
