/**
 * Provisions the local broker as the admin user: the platform's topics
 * (libs/contracts is the list; existing topics are left as they are) and each
 * service user's ACLs (k8s/base/platform/kafka-users.yaml is the list; the
 * broker ends with exactly those, so an ACL removed there goes here too).
 * Run by the stack's Kafka step once the broker answers, configured by the
 * environment as a service is (MessagingConfig).
 */
import 'reflect-metadata';
import { TOPIC_SPECS } from '@pujiang/contracts';
import { loadConfig } from '@pujiang/config';
import { MessagingConfig, kafkaConnection } from '@pujiang/messaging';
import {
  Admin,
  AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  ResourcePatternTypes,
  logLevel,
} from 'kafkajs';
import { KafkaOperation, declaredKafkaUsers } from './kafka-users';

const RESOURCE_TYPES = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP };
const PATTERN_TYPES = {
  literal: ResourcePatternTypes.LITERAL,
  prefix: ResourcePatternTypes.PREFIXED,
};
const OPERATIONS: Record<KafkaOperation, AclOperationTypes> = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Describe: AclOperationTypes.DESCRIBE,
};

async function createTopics(admin: Admin): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = TOPIC_SPECS.filter((spec) => !existing.has(spec.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: 1,
        configEntries: [{ name: 'retention.ms', value: String(spec.retentionMs) }],
      })),
    });
  }
  process.stdout.write(
    `[kafka] topics: ${TOPIC_SPECS.length} declared, ${missing.length} created\n`,
  );
}

/** Every ALLOW entry the declared users are granted, one per operation. */
function declaredAcls(): AclEntry[] {
  return declaredKafkaUsers().flatMap((user) =>
    user.acls.flatMap((acl) =>
      acl.operations.map((operation) => ({
        principal: `User:${user.name}`,
        host: '*',
        operation: OPERATIONS[operation],
        permissionType: AclPermissionTypes.ALLOW,
        resourceType: RESOURCE_TYPES[acl.resource.type],
        resourceName: acl.resource.name,
        resourcePatternType: PATTERN_TYPES[acl.resource.patternType],
      })),
    ),
  );
}

const keyOf = (acl: AclEntry): string =>
  [
    acl.principal,
    acl.host,
    acl.operation,
    acl.permissionType,
    acl.resourceType,
    acl.resourceName,
    acl.resourcePatternType,
  ].join('|');

async function grantAcls(admin: Admin): Promise<void> {
  const declared = declaredAcls();
  const { resources } = await admin.describeAcls({
    resourceType: AclResourceTypes.ANY,
    resourcePatternType: ResourcePatternTypes.ANY,
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
  });
  const present: AclEntry[] = resources.flatMap(({ acls, ...resource }) =>
    acls.map((acl) => ({ ...acl, ...resource })),
  );
  const wanted = new Set(declared.map(keyOf));
  const have = new Set(present.map(keyOf));
  const extra = present.filter((acl) => !wanted.has(keyOf(acl)));
  const missing = declared.filter((acl) => !have.has(keyOf(acl)));
  if (extra.length > 0) await admin.deleteAcls({ filters: extra });
  if (missing.length > 0) await admin.createAcls({ acl: missing });
  process.stdout.write(
    `[kafka] ACLs: ${declared.length} declared, ${missing.length} granted, ${extra.length} revoked\n`,
  );
}

async function provision(): Promise<void> {
  const config = loadConfig(MessagingConfig);
  const admin = new Kafka({
    clientId: 'pujiang-stack',
    ...kafkaConnection(config),
    logLevel: logLevel.ERROR,
  }).admin();
  await admin.connect();
  try {
    await createTopics(admin);
    await grantAcls(admin);
  } finally {
    await admin.disconnect();
  }
}

provision().catch((error: unknown) => {
  process.stderr.write(`[kafka] provisioning failed: ${String(error)}\n`);
  process.exit(1);
});
