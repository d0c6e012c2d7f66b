/**
 * The partners' flows through the rendered manifests, offline (issue 19, item 7): every
 * authenticated route of every service and the DCSA endpoints behind a TLS Ingress with
 * a rate limit, on the service's own port, admitted by a NetworkPolicy; the egress that
 * ebl's DCSA calls and claims' evidence fetch need, and no more; the operator's Kafka
 * user with exactly what `pujiang dlq` does.
 */
import { Type } from '@nestjs/common';
import { TOPIC_SPECS, Topic, deadLetterTopic } from '@pujiang/contracts';
import { DEAD_LETTER_READER_GROUP_PREFIX } from '@pujiang/messaging';
import { AppModule as ClaimsApp } from '../services/claims/src/app.module';
import { AppModule as EblApp } from '../services/ebl/src/app.module';
import { AppModule as LedgerApp } from '../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../services/traceability/src/app.module';
import { CAPTURE_LIMITS } from '../services/traceability/src/epcis/capture/domain/capture-job';
import { ControllerRoute, routesOf } from '../test/support/offline-openapi';
import { K8sObject, render } from './test/render';
import { Container, podTemplate, resolvePort } from './test/workloads';

const SERVICES: Record<string, Type<unknown>> = {
  traceability: TraceabilityApp,
  ledger: LedgerApp,
  ebl: EblApp,
  claims: ClaimsApp,
};
const ROUTES = Object.fromEntries(
  Object.entries(SERVICES).map(([name, app]) => [name, routesOf(app)]),
);

interface IngressPath {
  path: string;
  pathType: 'Exact' | 'Prefix';
  backend: { service: { name: string; port: { name?: string; number?: number } } };
}
interface IngressSpec {
  tls?: { hosts: string[]; secretName: string }[];
  rules: { host?: string; http: { paths: IngressPath[] } }[];
}
interface PolicySpec {
  podSelector: { matchLabels?: Record<string, string> };
  policyTypes: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}
interface PolicyRule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port: number; protocol?: string }[];
}
interface Peer {
  namespaceSelector?: { matchLabels: Record<string, string> };
  podSelector?: { matchLabels: Record<string, string> };
  ipBlock?: { cidr: string; except?: string[] };
}

/** Routes an Ingress path sends to its service, as Kubernetes matches paths (by element). */
function served(path: IngressPath, routes: ControllerRoute[]): ControllerRoute[] {
  return routes.filter((route) =>
    path.pathType === 'Exact'
      ? route.path === path.path
      : route.path === path.path || route.path.startsWith(`${path.path.replace(/\/$/, '')}/`),
  );
}

const annotationsOf = (o: K8sObject): Record<string, string> =>
  (o.metadata as { annotations?: Record<string, string> }).annotations ?? {};

const selects = (selector: { matchLabels?: Record<string, string> }, labels = {}) =>
  Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => (labels as Record<string, string>)[key] === value,
  );

describe.each(['dev', 'production'])('overlay %s: the partners reach their APIs', (overlay) => {
  const platform = render(overlay).filter((o) => o.metadata.namespace === 'pujiang');
  const ingresses = platform.filter((o) => o.kind === 'Ingress' && o.metadata.name !== 'consumer');
  const policies = platform.filter((o) => o.kind === 'NetworkPolicy');
  const spec = (o: K8sObject) => o.spec as unknown as IngressSpec;
  const pathsOf = (o: K8sObject) => spec(o).rules.flatMap((rule) => rule.http.paths);
  const one = (kind: string, name: string) => {
    const found = platform.filter((o) => o.kind === kind && o.metadata.name === name);
    if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
    return found[0];
  };
  const serviceContainer = (name: string) => {
    const pod = podTemplate(one('Deployment', name));
    return { pod, container: pod.spec.containers.find((c) => c.name === name) as Container };
  };
  /** The pod port a Service's port (by name or number) leads to. */
  const podPort = (service: string, port: { name?: string; number?: number }) => {
    const ports = (one('Service', service).spec as { ports: ServicePort[] }).ports;
    const found = ports.find((p) => p.name === port.name || p.port === port.number);
    if (found === undefined)
      throw new Error(`Service ${service} has no port ${JSON.stringify(port)}`);
    return resolvePort(serviceContainer(service).container, found.targetPort);
  };
  /** Whether some NetworkPolicy lets `from` (a peer test) reach `service`'s pods on `port`. */
  const admits = (service: string, port: number, from: (peer: Peer) => boolean) =>
    policies.some((policy) => {
      const p = policy.spec as unknown as PolicySpec;
      return (
        p.policyTypes.includes('Ingress') &&
        selects(p.podSelector, serviceContainer(service).pod.metadata.labels) &&
        (p.ingress ?? []).some(
          (rule) => (rule.from ?? []).some(from) && (rule.ports ?? []).some((p) => p.port === port),
        )
      );
    });

  it.each(Object.keys(SERVICES))(
    'routes every authenticated route of %s through an Ingress, and no other route',
    (service) => {
      const routes = ROUTES[service];
      const paths = ingresses.flatMap(pathsOf).filter((p) => p.backend.service.name === service);
      const routed = new Set(paths.flatMap((path) => served(path, routes)));

      expect(routes.filter((r) => r.authenticated && !routed.has(r))).toEqual([]);
      expect([...routed].filter((r) => !r.authenticated)).toEqual([]);
      for (const path of paths)
        expect([path.path, served(path, routes).length]).not.toEqual([path.path, 0]);
    },
  );

  it('routes the DCSA endpoints carriers and platforms call: issuance, surrender, PINT', () => {
    const dcsa = pathsOf(one('Ingress', 'ebl-dcsa'));
    const reaches = (method: string, path: string) =>
      dcsa.some((p) => served(p, ROUTES.ebl).some((r) => r.method === method && r.path === path));

    expect(reaches('PUT', '/v3/ebl-issuance-requests')).toBe(true);
    expect(reaches('POST', '/v3/ebl-surrender-responses')).toBe(true);
    expect(reaches('POST', '/v3/envelopes')).toBe(true);
    expect(reaches('PUT', '/v3/envelopes/:envelopeReference/finish-transfer')).toBe(true);
    expect(reaches('POST', '/v3/receiver-validation')).toBe(true);
  });

  it.each(['traceability-api', 'traceability-capture', 'ebl-api', 'ebl-dcsa', 'claims-api'])(
    '%s: TLS for every host, a rate limit, the http port, admitted from the ingress controller',
    (name) => {
      const ingress = one('Ingress', name);
      const annotations = annotationsOf(ingress);
      const hosts = spec(ingress).rules.map((rule) => rule.host);
      const tlsHosts = (spec(ingress).tls ?? []).flatMap((tls) => tls.hosts);

      expect(hosts.every((host) => host !== undefined && tlsHosts.includes(host))).toBe(true);
      expect(spec(ingress).tls?.every((tls) => tls.secretName === 'api-tls')).toBe(true);
      expect(annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
      expect(Number(annotations['nginx.ingress.kubernetes.io/limit-rps'])).toBeGreaterThan(0);
      expect(Number(annotations['nginx.ingress.kubernetes.io/limit-connections'])).toBeGreaterThan(
        0,
      );
      for (const path of pathsOf(ingress)) {
        const service = path.backend.service.name;
        const port = podPort(service, path.backend.service.port);
        expect(path.backend.service.port).toEqual({ name: 'http' });
        expect(serviceContainer(service).container.ports?.map((p) => p.containerPort)).toEqual([
          port,
        ]);
        expect(
          admits(service, port, (peer) =>
            selects(peer.namespaceSelector ?? {}, {
              'kubernetes.io/metadata.name': 'ingress-nginx',
            }),
          ),
        ).toBe(true);
      }
    },
  );

  it('limits capture more tightly than queries, and lets a document of the capture size limit through', () => {
    const limit = (name: string, key: string) =>
      annotationsOf(one('Ingress', name))[`nginx.ingress.kubernetes.io/${key}`];
    const bytes = (size: string) => Number(/^(\d+)m$/.exec(size)?.[1] ?? NaN) * 1024 * 1024;

    expect(Number(limit('traceability-capture', 'limit-rps'))).toBeLessThan(
      Number(limit('traceability-api', 'limit-rps')),
    );
    expect(bytes(limit('traceability-capture', 'proxy-body-size'))).toBeGreaterThanOrEqual(
      CAPTURE_LIMITS.maxBytes,
    );
  });

  it('lets ebl call carriers and platforms over HTTPS outside the cluster, and nothing else new', () => {
    const { pod } = serviceContainer('ebl');
    const egress = policies
      .map((policy) => ({ name: policy.metadata.name, spec: policy.spec as unknown as PolicySpec }))
      .filter(
        ({ spec: p }) =>
          p.policyTypes.includes('Egress') && selects(p.podSelector, pod.metadata.labels),
      );
    const outside = egress.flatMap(({ spec: p }) =>
      (p.egress ?? []).filter((rule) => (rule.to ?? []).some((peer) => peer.ipBlock !== undefined)),
    );

    expect(egress.map((e) => e.name).sort()).toEqual(['ebl-to-partners', 'services-egress']);
    expect(outside).toHaveLength(1);
    expect(outside[0]?.ports).toEqual([{ port: 443, protocol: 'TCP' }]);
    for (const peer of outside[0]?.to ?? []) {
      // Out to anywhere but the cluster's and the private networks.
      expect(peer.ipBlock?.except).toEqual(
        peer.ipBlock?.cidr === '0.0.0.0/0'
          ? expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])
          : expect.arrayContaining(['fc00::/7']),
      );
    }
  });

  it.each([
    // Claims fetch the evidence a claim cites; the ledger service reads the records of an
    // evidence bundle as its requester (docs/decisions/0039).
    ['claims', 'TRACEABILITY_URL', 'traceability'],
    ['ledger', 'TRACEABILITY_URL', 'traceability'],
    ['ledger', 'CLAIMS_URL', 'claims'],
  ])('lets %s call %s: out of it, into %s', (from, key, to) => {
    const { container, pod } = serviceContainer(from);
    const url = new URL(container.env?.find((e) => e.name === key)?.value ?? '');
    const port = podPort(url.hostname, { number: Number(url.port) });
    const targetLabels = serviceContainer(to).pod.metadata.labels;
    const leaves = policies.some((policy) => {
      const p = policy.spec as unknown as PolicySpec;
      return (
        p.policyTypes.includes('Egress') &&
        selects(p.podSelector, pod.metadata.labels) &&
        (p.egress ?? []).some(
          (rule) =>
            (rule.to ?? []).some(
              (peer) => peer.podSelector !== undefined && selects(peer.podSelector, targetLabels),
            ) && (rule.ports ?? []).some((p) => p.port === port),
        )
      );
    });

    expect(url.hostname).toBe(to);
    expect(leaves).toBe(true);
    expect(
      admits(
        to,
        port,
        (peer) =>
          peer.podSelector !== undefined &&
          peer.namespaceSelector === undefined &&
          selects(peer.podSelector, pod.metadata.labels),
      ),
    ).toBe(true);
  });

  it('has an operator Kafka user allowed exactly what `pujiang dlq list|replay` does', () => {
    const user = one('KafkaUser', 'operator').spec as {
      authorization: {
        acls: {
          resource: { type: string; name: string; patternType?: string };
          operations: string[];
        }[];
      };
    };
    const acls = user.authorization.acls
      .map(
        ({ resource, operations }) =>
          `${resource.type}:${resource.name}:${resource.patternType ?? 'literal'}:${[...operations].sort().join(',')}`,
      )
      .sort();
    const topics = Object.values(Topic);

    expect(acls).toEqual(
      [
        // list: reads each dead-letter topic to its end with a throw-away group.
        ...topics.map((t) => `topic:${deadLetterTopic(t)}:literal:Describe,Read`),
        `group:${DEAD_LETTER_READER_GROUP_PREFIX}:prefix:Read`,
        // replay: writes the record back to the topic it was parked from.
        ...topics.map((t) => `topic:${t}:literal:Describe,Write`),
      ].sort(),
    );
    expect(
      TOPIC_SPECS.filter((t) => t.name.endsWith('.dlq'))
        .map((t) => t.name)
        .sort(),
    ).toEqual(topics.map(deadLetterTopic).sort());
  });
});

interface ServicePort {
  name?: string;
  port: number;
  targetPort: number | string;
}
