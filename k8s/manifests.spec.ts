/**
 * Renders every overlay with kustomize (offline), validates every object against the
 * Kubernetes, Strimzi and CloudNativePG schemas, and checks that the manifests agree
 * with the code: ports, environment variables, Kafka topics and ACLs, databases,
 * images, Fabric sizes and the Secrets and ConfigMaps they reference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { LedgerRole, TOPIC_SPECS, Topic, deadLetterTopic } from '@pujiang/contracts';
import { ConfigClass } from '@pujiang/config';
import { HealthController } from '@pujiang/health';
import { METRICS_PATH } from '@pujiang/observability';
import { parse as parseYaml } from 'yaml';
import { PersistenceModule } from '@pujiang/persistence';
import { persistenceImportOf } from '../scripts/k8s/migrate';
import { AppModule as ClaimsApp } from '../services/claims/src/app.module';
import { AppModule as VesselsApp } from '../services/vessels/src/app.module';
import { AppModule as SupervisionApp } from '../services/supervision/src/app.module';
import {
  ANCHORING_GROUP,
  CLAIMS_GROUP,
  EBL_GROUP,
} from '../services/supervision/src/monitors/ledger-changes.consumer';
import { SUPPLY_CHAIN_GROUP } from '../services/supervision/src/monitors/supply-chain.consumer';
import { AppModule as EblApp } from '../services/ebl/src/app.module';
import { ANCHOR_REQUESTS_GROUP } from '../services/ledger/src/anchoring/anchor-requests.consumer';
import { AppModule as LedgerApp } from '../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../services/traceability/src/app.module';
import { ANCHOR_COMMITTED_GROUP } from '../services/traceability/src/epcis/anchoring/anchor-committed.consumer';
import { SUBSCRIPTIONS_GROUP } from '../services/traceability/src/epcis/subscriptions/subscription-matcher.consumer';
import { PARAMETRIC_COVERS_GROUP } from '../services/claims/src/parametric/parametric-covers.consumer';
import { DELAY_COVERS_GROUP } from '../services/claims/src/parametric/delay-covers.consumer';
import { AIS_REPORTS_GROUP } from '../services/vessels/src/positions/ais-reports.consumer';
import { configClassesOf, invalidKeys, knownKeys, requiredKeys } from './test/config-keys';
import { K8sObject, ref, render, validateAgainstSchemas } from './test/render';
import {
  Container,
  PodTemplate,
  allContainers,
  environment,
  isWorkload,
  podTemplate,
  resolvePort,
  secretFileAt,
} from './test/workloads';

const OVERLAYS = ['dev', 'production'];
const SERVICES: Record<string, Type<unknown>> = {
  traceability: TraceabilityApp,
  ledger: LedgerApp,
  ebl: EblApp,
  claims: ClaimsApp,
  vessels: VesselsApp,
  supervision: SupervisionApp,
};
/**
 * The role the chaincode checks for each service's own Fabric identity
 * (docs/decisions/0015); traceability's grants are signed by the parties.
 */
const LEDGER_ROLES: Record<string, LedgerRole | undefined> = {
  traceability: undefined,
  ledger: LedgerRole.anchorer,
  ebl: LedgerRole.platformOperator,
  claims: LedgerRole.insurer,
  // Records voyage events (docs/decisions/0033); vessel changes are signed by their parties.
  vessels: LedgerRole.platformOperator,
  // The regulator's reads: evaluations only, no role to act with.
  supervision: undefined,
};
/** What each service's code publishes and consumes (with its consumer group). */
const KAFKA_USE: Record<string, { writes: string[]; reads: [string, string][] }> = {
  traceability: {
    writes: [
      Topic.anchorRequested,
      Topic.eventCaptured,
      deadLetterTopic(Topic.anchorCommitted),
      deadLetterTopic(Topic.eventCaptured),
    ],
    reads: [
      [Topic.anchorCommitted, ANCHOR_COMMITTED_GROUP],
      [Topic.eventCaptured, SUBSCRIPTIONS_GROUP],
    ],
  },
  ledger: {
    writes: [Topic.anchorCommitted, deadLetterTopic(Topic.anchorRequested)],
    reads: [[Topic.anchorRequested, ANCHOR_REQUESTS_GROUP]],
  },
  ebl: { writes: [Topic.eblChanged], reads: [] },
  claims: {
    writes: [
      Topic.claimChanged,
      deadLetterTopic(Topic.eventCaptured),
      deadLetterTopic(Topic.voyageEventRecorded),
    ],
    reads: [
      [Topic.eventCaptured, PARAMETRIC_COVERS_GROUP],
      [Topic.voyageEventRecorded, DELAY_COVERS_GROUP],
    ],
  },
  vessels: {
    writes: [Topic.vesselChanged, Topic.voyageEventRecorded, deadLetterTopic(Topic.aisReceived)],
    reads: [[Topic.aisReceived, AIS_REPORTS_GROUP]],
  },
  supervision: {
    writes: [
      deadLetterTopic(Topic.eventCaptured),
      deadLetterTopic(Topic.anchorCommitted),
      deadLetterTopic(Topic.eblChanged),
      deadLetterTopic(Topic.claimChanged),
    ],
    reads: [
      [Topic.eventCaptured, SUPPLY_CHAIN_GROUP],
      [Topic.anchorCommitted, ANCHORING_GROUP],
      [Topic.eblChanged, EBL_GROUP],
      [Topic.claimChanged, CLAIMS_GROUP],
    ],
  },
};
/** Created out of band (scripts/k8s/create-secrets.sh, k8s/README.md), never in git. */
const OUT_OF_BAND: Record<string, string[]> = {
  'Secret pujiang': [
    'db-traceability',
    'db-ledger',
    'db-ebl',
    'db-claims',
    'db-vessels',
    'db-supervision',
    'fabric-enrollment-traceability',
    'fabric-enrollment-ledger',
    'fabric-enrollment-ebl',
    'fabric-enrollment-claims',
    'fabric-enrollment-vessels',
    'fabric-enrollment-supervision',
    'backup-s3',
    'consumer-tls',
    'api-tls',
    'ebl-signing-key',
    'ebl-party-wallet',
    'claims-fingerprint-key',
    'claims-party-wallet',
    'traceability-party-wallet',
    'vessels-party-wallet',
  ],
  'Secret pujiang-orderer': ['ca-keypair', 'ca-admin', 'enrollment'],
  'Secret pujiang-org1': ['ca-keypair', 'ca-admin', 'enrollment'],
  'Secret pujiang-org2': ['ca-keypair', 'ca-admin', 'enrollment'],
  'Secret pujiang-regulator': ['ca-keypair', 'ca-admin', 'enrollment'],
  'ConfigMap pujiang': [
    'fabric-cas',
    'ebl-platform',
    'identity-provider',
    'claims-directory',
    'traceability-directory',
    'vessels-directory',
  ],
  'ConfigMap pujiang-orderer': ['fabric-cas'],
  'ConfigMap pujiang-org1': ['fabric-cas'],
  'ConfigMap pujiang-org2': ['fabric-cas'],
  'ConfigMap pujiang-regulator': ['fabric-cas'],
};
const LOCAL_PORTS = Object.fromEntries(
  [
    ...readFileSync(join(__dirname, '..', 'scripts', 'services.sh'), 'utf8').matchAll(
      /\[(\w+)\]=(\d+)/g,
    ),
  ].map((m) => [m[1], Number(m[2])]),
);

const rendered = new Map(OVERLAYS.map((overlay) => [overlay, render(overlay)]));

function find(objects: K8sObject[], kind: string, name: string, namespace?: string): K8sObject {
  const found = objects.filter(
    (o) =>
      o.kind === kind &&
      o.metadata.name === name &&
      (namespace === undefined || o.metadata.namespace === namespace),
  );
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0];
}

/** A namespace's ConfigMaps by name, generated ones also by the name before their hash. */
function configMaps(objects: K8sObject[], namespace: string) {
  return new Map(
    objects
      .filter((o) => o.kind === 'ConfigMap' && o.metadata.namespace === namespace)
      .flatMap((o) => {
        const data = o.data ?? {};
        const base = o.metadata.name.replace(/-[a-z0-9]{10}$/, '');
        return [[o.metadata.name, data] as const, [base, data] as const];
      }),
  );
}

function imageName(image: string): string {
  return image.replace(/:[^:/]+$/, '');
}

describe('the schema validator', () => {
  it('rejects an invalid object and an unknown kind instead of skipping them', () => {
    const results = validateAgainstSchemas([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{}] } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaWidget', metadata: { name: 'k' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } },
    ]);

    expect(results[0]).toMatch(/port/);
    expect(results[1]).toMatch(/no schema/);
    expect(results[2]).toMatch(/no schema/);
    expect(results[3]).toBeNull();
  });
});

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const objects = rendered.get(overlay) ?? [];
  const platform = objects.filter((o) => o.metadata.namespace === 'pujiang');
  const platformConfig = configMaps(objects, 'pujiang');

  it('validates every object against the Kubernetes, Strimzi and CloudNativePG schemas', () => {
    const results = validateAgainstSchemas(objects);
    const invalid = objects.flatMap((o, i) =>
      results[i] === null ? [] : [`${ref(o)}: ${results[i]}`],
    );

    expect(objects.length).toBeGreaterThan(80);
    expect(invalid).toEqual([]);
  });

  it('has no two objects of the same kind, namespace and name', () => {
    const refs = objects.map(ref);

    expect(refs.filter((r, i) => refs.indexOf(r) !== i)).toEqual([]);
  });

  describe.each(Object.keys(SERVICES))('service %s', (service) => {
    const deployment = find(platform, 'Deployment', service);
    const pod = podTemplate(deployment);
    const container = pod.spec.containers.find((c) => c.name === service) as Container;
    const schemas = configClassesOf(SERVICES[service]);
    const env = environment(container, platformConfig);

    it('listens, is probed and is served on its one port, the one it has locally', () => {
      const port = Number(env.values.get('PORT'));
      const svc = find(platform, 'Service', service);
      const servicePorts = (svc.spec as { ports: { targetPort: string | number }[] }).ports;
      const probes = [container.readinessProbe, container.livenessProbe, container.startupProbe];

      expect(port).toBe(LOCAL_PORTS[service]);
      expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
      expect(servicePorts.map((p) => resolvePort(container, p.targetPort))).toEqual([port]);
      for (const probe of probes) {
        expect(resolvePort(container, probe?.httpGet?.port)).toBe(port);
      }
      expect(env.values.get('HOST')).toMatch(/^(0\.0\.0\.0|::)$/);
    });

    it('is restarted only when its process is stuck, and unready when what it needs is down', () => {
      const routes = healthRoutes();

      expect(container.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(container.startupProbe?.httpGet?.path).toBe('/health/live');
      expect(container.readinessProbe?.httpGet?.path).toBe('/health/ready');
      for (const probe of [container.livenessProbe, container.startupProbe]) {
        expect(routes).toContain(probe?.httpGet?.path);
      }
      expect(routes).toContain(container.readinessProbe?.httpGet?.path);
    });

    it('gets only keys of the configuration classes it loads, every required one, valid', () => {
      const known = new Set(schemas.flatMap(knownKeys));
      const given = [...env.values.keys()];
      const literal = Object.fromEntries(
        [...env.values].filter(([key, value]) => !env.fromSecrets.has(key) && value !== undefined),
      ) as Record<string, string>;

      expect(given.filter((key) => !known.has(key))).toEqual([]);
      expect(schemas.flatMap(requiredKeys).filter((key) => !env.values.has(key))).toEqual([]);
      expect(schemas.flatMap((schema) => invalidKeys(schema, literal))).toEqual([]);
      expect(env.values.get('DATABASE_MIGRATIONS')).toBe('verify');
    });

    it('runs non-root on a read-only root file system, with requests and limits', () => {
      expect(pod.spec.securityContext?.runAsNonRoot).toBe(true);
      for (const c of allContainers(pod.spec)) {
        expect(c.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.resources?.requests).toHaveProperty('memory');
        expect(c.resources?.limits).toHaveProperty('memory');
      }
    });

    it('has a PodDisruptionBudget and a HorizontalPodAutoscaler on its pods', () => {
      const pdb = find(platform, 'PodDisruptionBudget', service).spec as {
        selector: { matchLabels: Record<string, string> };
      };
      const hpa = find(platform, 'HorizontalPodAutoscaler', service).spec as {
        scaleTargetRef: { kind: string; name: string };
        minReplicas: number;
        maxReplicas: number;
      };

      expect(pod.metadata.labels).toMatchObject(pdb.selector.matchLabels);
      expect(hpa.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: service });
      expect(hpa.maxReplicas).toBeGreaterThan(hpa.minReplicas);
    });

    it('has a migration Job that runs its migrations against its database', () => {
      const job = find(platform, 'Job', `${service}-migrate`);
      const [migrate] = podTemplate(job).spec.containers;
      const jobEnv = environment(migrate, platformConfig);
      const databaseUrl = (c: Container) =>
        c.env?.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;

      expect(migrate.args).toEqual(['migrate', service]);
      expect(imageName(migrate.image)).toBe(imageName(container.image));
      expect(jobEnv.values.get('DATABASE_MIGRATIONS')).toBe('run');
      expect(databaseUrl(migrate)).toEqual(databaseUrl(container));
      expect(databaseUrl(container)?.name).toBe(`db-${service}`);
      expect(persistenceImportOf({ ...buildOf(SERVICES[service]) }).module).toBe(PersistenceModule);
    });

    it('may reach the peers exactly when it loads LedgerConfig, Kafka and PostgreSQL always', () => {
      const loadsLedger = schemas.some((s) => s.name === 'LedgerConfig');

      expect(pod.metadata.labels['pujiang.dev/ledger-client'] === 'true').toBe(loadsLedger);
      expect(pod.metadata.labels).toMatchObject({
        'pujiang.dev/kafka-client': 'true',
        'pujiang.dev/postgres-client': 'true',
      });
    });

    it('has a Kafka user allowed exactly what its code publishes and consumes', () => {
      const user = find(platform, 'KafkaUser', service).spec as {
        authorization?: {
          acls: { resource: { type: string; name: string }; operations: string[] }[];
        };
      };
      const acls = (user.authorization?.acls ?? [])
        .map((a) => `${a.resource.type}:${a.resource.name}:${[...a.operations].sort().join(',')}`)
        .sort();
      const { writes, reads } = KAFKA_USE[service];
      const expected = [
        ...writes.map((topic) => `topic:${topic}:Describe,Write`),
        ...reads.flatMap(([topic, group]) => [
          `topic:${topic}:Describe,Read`,
          `group:${group}:Read`,
        ]),
      ].sort();

      expect(acls).toEqual(expected);
    });

    it('connects to Kafka as its own user, with the password and CA Strimzi keeps in Secrets', () => {
      const kafka = platform.find((o) => o.kind === 'Kafka') as K8sObject;
      const { secretPrefix } = (
        kafka.spec as { entityOperator: { userOperator: { secretPrefix?: string } } }
      ).entityOperator.userOperator;
      const file = (key: string) => secretFileAt(pod.spec, container, env.values.get(key) ?? '');

      expect(env.values.get('KAFKA_SASL_USERNAME')).toBe(
        find(platform, 'KafkaUser', service).metadata.name,
      );
      expect(env.values.has('KAFKA_SASL_PASSWORD')).toBe(false);
      expect(file('KAFKA_SASL_PASSWORD_FILE')).toBe(`${secretPrefix ?? ''}${service}/password`);
      expect(file('KAFKA_TLS_CA_FILE')).toBe(`${kafka.metadata.name}-cluster-ca-cert/ca.crt`);
    });
  });

  it('provisions exactly the Kafka topics of TOPIC_SPECS, within the brokers it has', () => {
    const pool = find(platform, 'KafkaNodePool', 'nodes').spec as { replicas: number };
    const topics = platform
      .filter((o) => o.kind === 'KafkaTopic')
      .map((o) => {
        const spec = o.spec as {
          topicName?: string;
          partitions: number;
          replicas: number;
          config: Record<string, number>;
        };
        expect(spec.replicas).toBeLessThanOrEqual(pool.replicas);
        return {
          name: spec.topicName ?? o.metadata.name,
          partitions: spec.partitions,
          retentionMs: Number(spec.config['retention.ms']),
        };
      });
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

    expect(topics.sort(byName)).toEqual([...TOPIC_SPECS].sort(byName));
  });

  it('points the services at the one Kafka listener, TLS with SCRAM, of the cluster it defines', () => {
    const kafka = platform.find((o) => o.kind === 'Kafka') as K8sObject;
    const { listeners, config, authorization } = (
      kafka.spec as {
        kafka: {
          listeners: {
            name: string;
            port: number;
            tls: boolean;
            authentication?: { type: string };
          }[];
          config: Record<string, number>;
          authorization?: { type: string; superUsers?: string[] };
        };
      }
    ).kafka;
    const pool = find(platform, 'KafkaNodePool', 'nodes').spec as { replicas: number };
    const services = platformConfig.get('services-config') ?? {};

    // No anonymous client: every listener encrypts and authenticates, and ACLs decide.
    expect(listeners.map((l) => [l.name, l.tls, l.authentication?.type])).toEqual([
      ['tls', true, 'scram-sha-512'],
    ]);
    expect(authorization).toEqual({ type: 'simple' });
    expect(services.KAFKA_BROKERS).toBe(
      `${kafka.metadata.name}-kafka-bootstrap:${listeners[0]?.port}`,
    );
    expect(services.KAFKA_SASL_MECHANISM).toBe(listeners[0]?.authentication?.type);
    expect(config['offsets.topic.replication.factor']).toBeLessThanOrEqual(pool.replicas);
    expect(config['min.insync.replicas']).toBeLessThanOrEqual(Math.max(1, pool.replicas - 1));
  });

  it('gives each service a database it owns, with the credentials its pods use', () => {
    const cluster = find(platform, 'Cluster', 'postgres').spec as {
      managed: { roles: { name: string; passwordSecret: { name: string } }[] };
    };
    for (const service of Object.keys(SERVICES)) {
      expect(find(platform, 'Database', service).spec).toMatchObject({
        cluster: { name: 'postgres' },
        name: service,
        owner: service,
      });
      expect(cluster.managed.roles).toContainEqual(
        expect.objectContaining({ name: service, passwordSecret: { name: `db-${service}` } }),
      );
    }
  });

  it('uses one services image, one chaincode image and pinned Fabric images', () => {
    const images = new Map<string, Set<string>>();
    for (const o of objects.filter(isWorkload)) {
      for (const c of allContainers(podTemplate(o).spec)) {
        expect(c.image).toMatch(/:[\w.-]+$/);
        expect(c.image).not.toMatch(/:latest$/);
        const name = imageName(c.image).split('/').pop() as string;
        images.set(name, (images.get(name) ?? new Set()).add(c.image));
      }
    }
    const tag = (name: string) => [...(images.get(name) ?? [])].map((i) => i.split(':').pop());

    expect([...images.keys()].sort()).toEqual([
      'fabric-ca',
      'fabric-orderer',
      'fabric-peer',
      'fabric-tools',
      'pujiang-chaincode',
      'pujiang-services',
    ]);
    for (const set of images.values()) expect(set.size).toBe(1);
    expect(tag('fabric-peer')[0]).toMatch(/^3\.1\.\d+$/);
    expect(tag('fabric-orderer')).toEqual(tag('fabric-peer'));
    expect(tag('fabric-tools')).toEqual(tag('fabric-peer'));
    expect(tag('fabric-ca')[0]).toMatch(/^1\.5\.\d+$/);
  });

  it('tells the Fabric Jobs the sizes the StatefulSets have', () => {
    const replicas = (name: string, namespace: string) =>
      (find(objects, 'StatefulSet', name, namespace).spec as { replicas: number }).replicas;
    const orderers = replicas('orderer', 'pujiang-orderer');
    const ordererOrg = configMaps(objects, 'pujiang-orderer').get('fabric-org') ?? {};

    expect(Number(ordererOrg.ORDERER_COUNT)).toBe(orderers);
    expect(orderers % 2).toBe(1);
    if (overlay === 'production') expect(orderers).toBeGreaterThanOrEqual(3);
    for (const entry of ordererOrg.PEER_ORGS.split(' ')) {
      const [mspId, namespace] = entry.split(':');
      const org = configMaps(objects, namespace).get('fabric-org') ?? {};
      expect(org.MSP_ID).toBe(mspId);
      expect(Number(org.PEER_COUNT)).toBe(replicas('peer', namespace));
    }
  });

  it('connects the services to a peer of the organisation whose identities they enrol', () => {
    const config = platformConfig.get('services-config') ?? {};
    const namespace = config.FABRIC_PEER_ENDPOINT.match(/^peer\.([\w-]+)\.svc:7051$/)?.[1] ?? '';
    const org = configMaps(objects, namespace).get('fabric-org') ?? {};
    const ledgerClients = Object.keys(SERVICES).filter(
      (s) =>
        podTemplate(find(platform, 'Deployment', s)).metadata.labels[
          'pujiang.dev/ledger-client'
        ] === 'true',
    );

    expect(find(objects, 'Service', 'peer', namespace)).toBeDefined();
    expect(config.FABRIC_MSP_ID).toBe(org.MSP_ID);
    expect(config.FABRIC_PEER_HOST_ALIAS).toBe(`peer.${namespace}.svc`);
    expect(platformConfig.get('fabric-enroll')?.CA_URL).toBe(`https://ca.${namespace}.svc:7054`);
    expect(
      org.CLIENTS.split(' ')
        .map((c) => c.split(':')[0])
        .sort(),
    ).toEqual(ledgerClients.sort());
  });

  it('enrols each service as its own identity, with its own secret and its role', () => {
    const config = platformConfig.get('services-config') ?? {};
    const namespace = config.FABRIC_PEER_ENDPOINT.match(/^peer\.([\w-]+)\.svc:7051$/)?.[1] ?? '';
    const org = configMaps(objects, namespace).get('fabric-org') ?? {};
    const registered = new Map(
      org.CLIENTS.split(' ').map((c) => [c.split(':')[0], c.split(':')[1]] as const),
    );
    const enrolments = Object.keys(SERVICES).map((service) => {
      const pod = podTemplate(find(platform, 'Deployment', service));
      const enroll = pod.spec.initContainers?.find((c) => c.name === 'enroll');
      const env = new Map((enroll?.env ?? []).map((e) => [e.name, e]));
      return {
        service,
        id: env.get('ENROLL_ID')?.value,
        secret: env.get('ENROLL_SECRET')?.valueFrom?.secretKeyRef,
        role: registered.get(service),
      };
    });

    expect(enrolments).toEqual(
      Object.keys(SERVICES).map((service) => ({
        service,
        id: service,
        secret: { name: `fabric-enrollment-${service}`, key: 'secret' },
        role: LEDGER_ROLES[service],
      })),
    );
  });

  it('refers only to Secrets and ConfigMaps it defines or that are created out of band', () => {
    const defined = new Set(
      objects.filter((o) => ['Secret', 'ConfigMap'].includes(o.kind)).map(ref),
    );
    const referenced = new Set<string>();
    for (const o of objects) {
      const namespace = o.metadata.namespace ?? '';
      for (const [kind, name] of referencesOf(o)) referenced.add(`${kind} ${namespace}/${name}`);
    }
    const outOfBand = new Set(
      Object.entries(OUT_OF_BAND).flatMap(([where, names]) => {
        const [kind, namespace] = where.split(' ');
        return names.map((name) => `${kind} ${namespace}/${name}`);
      }),
    );
    // Strimzi makes these itself: each KafkaUser's password and the cluster CA's certificate.
    const kafka = objects.find((o) => o.kind === 'Kafka') as K8sObject;
    const prefix =
      (kafka.spec as { entityOperator: { userOperator: { secretPrefix?: string } } }).entityOperator
        .userOperator.secretPrefix ?? '';
    for (const user of objects.filter((o) => o.kind === 'KafkaUser')) {
      defined.add(`Secret ${user.metadata.namespace ?? ''}/${prefix}${user.metadata.name}`);
    }
    defined.add(`Secret ${kafka.metadata.namespace ?? ''}/${kafka.metadata.name}-cluster-ca-cert`);
    const expectedOutOfBand = [...outOfBand].filter(
      (r) => overlay === 'production' || !/backup-s3|consumer-tls/.test(r),
    );

    expect([...referenced].filter((r) => !defined.has(r) && !outOfBand.has(r))).toEqual([]);
    expect(expectedOutOfBand.filter((r) => !referenced.has(r))).toEqual([]);
  });

  it('tells traceability whose master data each organisation may write, in a form it accepts', () => {
    const deployment = find(platform, 'Deployment', 'traceability');
    const container = podTemplate(deployment).spec.containers.find(
      (c) => c.name === 'traceability',
    ) as Container;
    const prefixes = environment(container, platformConfig).values.get(
      'MASTER_DATA_COMPANY_PREFIXES',
    );

    expect(prefixes).toMatch(/^Org1MSP:\d+/);
    expect(
      configClassesOf(TraceabilityApp).flatMap((schema) =>
        invalidKeys(schema, { MASTER_DATA_COMPANY_PREFIXES: prefixes ?? '' }),
      ),
    ).toEqual([]);
    expect(
      configClassesOf(TraceabilityApp).flatMap((schema) =>
        invalidKeys(schema, { MASTER_DATA_COMPANY_PREFIXES: 'Org1MSP=952012' }),
      ),
    ).toEqual(['MASTER_DATA_COMPANY_PREFIXES']);
  });

  it('denies ingress by default in every namespace it uses', () => {
    const namespaces = new Set(objects.flatMap((o) => o.metadata.namespace ?? []));
    for (const namespace of namespaces) {
      expect(find(objects, 'NetworkPolicy', 'default-deny-ingress', namespace).spec).toEqual({
        podSelector: {},
        policyTypes: ['Ingress'],
      });
    }
  });
});

it('production keeps a PostgreSQL replica and backs it up on a schedule', () => {
  const objects = rendered.get('production') ?? [];
  const cluster = find(objects, 'Cluster', 'postgres').spec as {
    instances: number;
    backup?: { barmanObjectStore?: { s3Credentials?: unknown } };
  };
  const scheduled = objects.find((o) => o.kind === 'ScheduledBackup');

  expect(cluster.instances).toBeGreaterThanOrEqual(2);
  expect(cluster.backup?.barmanObjectStore?.s3Credentials).toBeDefined();
  expect(scheduled?.spec).toMatchObject({ cluster: { name: 'postgres' } });
});

it('lists every out-of-band Secret and ConfigMap in k8s/README.md', () => {
  const readme = readFileSync(join(__dirname, 'README.md'), 'utf8');
  const names = [...new Set(Object.values(OUT_OF_BAND).flat())];

  expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
});

/** The migration script's view of a service, from the sources jest compiles. */
function buildOf(appModule: Type<unknown>) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('@pujiang/config') as { ConfigModule: never };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const persistence = require('@pujiang/persistence') as {
    DatabaseConfig: ConfigClass<object>;
  };
  return {
    AppModule: appModule,
    ConfigModule: config.ConfigModule,
    DatabaseConfig: persistence.DatabaseConfig,
    PersistenceModule,
  };
}

/** [kind, name] of every Secret and ConfigMap an object refers to. */
function referencesOf(object: K8sObject): [string, string][] {
  const found: [string, string][] = [];
  if (isWorkload(object)) {
    const { spec }: PodTemplate = podTemplate(object);
    for (const v of spec.volumes ?? []) {
      if (v.secret) found.push(['Secret', v.secret.secretName]);
      if (v.configMap) found.push(['ConfigMap', v.configMap.name]);
    }
    for (const c of allContainers(spec)) {
      for (const e of c.env ?? []) {
        if (e.valueFrom?.secretKeyRef) found.push(['Secret', e.valueFrom.secretKeyRef.name]);
        if (e.valueFrom?.configMapKeyRef)
          found.push(['ConfigMap', e.valueFrom.configMapKeyRef.name]);
      }
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef) found.push(['ConfigMap', e.configMapRef.name]);
        if (e.secretRef) found.push(['Secret', e.secretRef.name]);
      }
    }
  }
  // Custom resources and Ingress name Secrets in their own fields: every `passwordSecret`,
  // `secretName` and S3 credential.
  if (!isWorkload(object)) {
    JSON.stringify(object.spec ?? {}, (key, value: unknown) => {
      const v = value as { name?: string } | string;
      if (key === 'passwordSecret' || key === 'accessKeyId' || key === 'secretAccessKey') {
        found.push(['Secret', (v as { name: string }).name]);
      }
      if (key === 'secretName' && typeof v === 'string') found.push(['Secret', v]);
      return value;
    });
  }
  return found;
}

describe.each(OVERLAYS)('overlay %s: monitoring', (overlay) => {
  const platform = (rendered.get(overlay) ?? []).filter((o) => o.metadata.namespace === 'pujiang');
  const services = Object.keys(SERVICES).map((name) => find(platform, 'Service', name));

  it('scrapes /metrics on the http port of every service, and lets Prometheus reach it', () => {
    const monitor = find(platform, 'ServiceMonitor', 'pujiang-services').spec as {
      selector: { matchLabels: Record<string, string> };
      endpoints: { port: string; path: string }[];
    };
    const policy = find(platform, 'NetworkPolicy', 'services-from-monitoring').spec as {
      podSelector: { matchLabels: Record<string, string> };
      ingress: { ports: { port: number }[] }[];
    };
    const admitted = policy.ingress.flatMap((rule) => rule.ports.map((p) => p.port));

    expect(monitor.endpoints).toEqual([
      expect.objectContaining({ port: 'http', path: METRICS_PATH }),
    ]);
    for (const service of services) {
      const spec = service.spec as { ports: { name: string; port: number }[] };
      expect(service.metadata.labels).toMatchObject(monitor.selector.matchLabels);
      expect(spec.ports.map((p) => p.name)).toContain('http');
      const pod = podTemplate(find(platform, 'Deployment', service.metadata.name));
      expect(pod.metadata.labels).toMatchObject(policy.podSelector.matchLabels);
      expect(admitted).toContain(LOCAL_PORTS[service.metadata.name]);
    }
  });

  it('has a Grafana dashboard whose every query names a metric the services expose', () => {
    const dashboard = find(platform, 'ConfigMap', 'pujiang-dashboard');
    const json = JSON.parse(dashboard.data?.['pujiang.json'] ?? '{}') as {
      panels: { targets: { expr: string }[] }[];
    };
    const exposed = exposedMetricNames();
    const queried = json.panels.flatMap((panel) =>
      panel.targets.flatMap((target) =>
        [...target.expr.matchAll(/\b([a-z_]+)\{/g)].map((m) => m[1]),
      ),
    );

    expect(dashboard.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(json.panels.length).toBeGreaterThanOrEqual(10);
    expect(queried.filter((name) => !exposed.has(baseMetric(name)))).toEqual([]);
  });

  it('scales the anchorer on the lag of its consumer group, a metric prometheus-adapter serves', () => {
    const hpa = find(platform, 'HorizontalPodAutoscaler', 'ledger').spec as {
      maxReplicas: number;
      metrics: {
        type: string;
        external?: { metric: { name: string; selector: { matchLabels: Record<string, string> } } };
      }[];
    };
    const external = hpa.metrics.find((metric) => metric.type === 'External')?.external?.metric;
    const mspId = configMaps(platform, 'pujiang').get('services-config')?.FABRIC_MSP_ID;
    const rules = parseYaml(
      find(platform, 'ConfigMap', 'prometheus-adapter-rules').data?.['config.yaml'] ?? '',
    ) as { externalRules: { name: { as: string } }[] };
    const partitions = TOPIC_SPECS.find((spec) => spec.name === Topic.anchorRequested)?.partitions;

    expect(external).toEqual({
      name: 'pujiang_kafka_consumer_lag',
      selector: {
        matchLabels: { group: `${ANCHOR_REQUESTS_GROUP}.${mspId}`, topic: Topic.anchorRequested },
      },
    });
    expect(rules.externalRules.map((rule) => rule.name.as)).toContain(external?.name);
    expect(exposedMetricNames()).toContain(external?.name);
    expect(hpa.maxReplicas).toBeLessThanOrEqual(partitions ?? 0);
  });
});

/** A histogram's series (`_bucket`, `_count`, `_sum`) belong to the histogram's name. */
function baseMetric(name: string): string {
  return name.replace(/_(bucket|count|sum)$/, '');
}

/** Every metric name the code registers (a `name: '…'` beside a `help:` in libs/ and services/). */
function exposedMetricNames(): Set<string> {
  const root = join(__dirname, '..');
  const files = ['libs', 'services'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.includes('.spec.'))
      .map((file) => readFileSync(join(root, dir, file), 'utf8')),
  );
  const names = files.flatMap((source) =>
    [...source.matchAll(/name: '([a-z_]+)',\s*help:/g)].map((match) => match[1]),
  );
  return new Set(names);
}

/** The paths the health controller serves, read from its Nest route metadata. */
function healthRoutes(): string[] {
  const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
  const prototype = HealthController.prototype as unknown as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .map((name) => prototype[name])
    .filter((handler) => typeof handler === 'function')
    .map((handler) => Reflect.getMetadata(PATH_METADATA, handler) as string | undefined)
    .filter((path): path is string => path !== undefined)
    .map((path) => `/${[base, path].filter((part) => part !== '/' && part !== '').join('/')}`);
}
