/**
 * The platform's Kafka users and what each may do, read from the KafkaUser
 * resources that production applies (k8s/base/platform/kafka-users.yaml).
 * The local broker gets exactly these users and ACLs from here, so local and
 * production cannot drift apart; k8s/manifests.spec.ts checks the file against
 * what each service's code publishes and consumes.
 *
 *   ts-node scripts/stack/kafka-users.ts names   prints the user names, one a line
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const KAFKA_USERS_FILE = join(
  __dirname,
  '..',
  '..',
  'k8s',
  'base',
  'platform',
  'kafka-users.yaml',
);

export type KafkaOperation = 'Read' | 'Write' | 'Describe';

export interface KafkaAcl {
  resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' | 'prefix' };
  operations: KafkaOperation[];
}

export interface KafkaUserDeclaration {
  name: string;
  acls: KafkaAcl[];
}

interface KafkaUserResource {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    authentication?: { type?: string };
    authorization?: {
      acls?: {
        resource: { type: string; name: string; patternType?: string };
        operations: string[];
      }[];
    };
  };
}

const OPERATIONS: readonly string[] = ['Read', 'Write', 'Describe'];

export function declaredKafkaUsers(file = KAFKA_USERS_FILE): KafkaUserDeclaration[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS() as KafkaUserResource | null)
    .filter((resource) => resource?.kind === 'KafkaUser')
    .map((resource) => toDeclaration(resource as KafkaUserResource, file));
}

function toDeclaration(resource: KafkaUserResource, file: string): KafkaUserDeclaration {
  const name = resource.metadata?.name ?? '';
  const refuse = (why: string) => new Error(`${file}: KafkaUser ${name || '?'}: ${why}`);
  // The name becomes a SASL user name and a key of the stack's env (KAFKA_<NAME>_…).
  if (!/^[a-z][a-z0-9]*$/.test(name)) throw refuse('name must be lower-case letters and digits');
  if (resource.spec?.authentication?.type !== 'scram-sha-512') {
    throw refuse('authentication must be scram-sha-512, as the local broker has it');
  }
  const acls = (resource.spec.authorization?.acls ?? []).map((acl): KafkaAcl => {
    const { type, name: resourceName, patternType = 'literal' } = acl.resource;
    if (type !== 'topic' && type !== 'group') throw refuse(`unsupported resource type ${type}`);
    if (patternType !== 'literal' && patternType !== 'prefix') {
      throw refuse(`unsupported pattern type ${patternType}`);
    }
    const unknown = acl.operations.filter((operation) => !OPERATIONS.includes(operation));
    if (unknown.length > 0) throw refuse(`unsupported operations ${unknown.join(', ')}`);
    return {
      resource: { type, name: resourceName, patternType },
      operations: acl.operations as KafkaOperation[],
    };
  });
  return { name, acls };
}

/** Whether `user` has `operation` on the topic or group `name`, by its declared ACLs. */
export function isAllowed(
  user: KafkaUserDeclaration,
  type: 'topic' | 'group',
  name: string,
  operation: KafkaOperation,
): boolean {
  return user.acls.some(
    (acl) =>
      acl.resource.type === type &&
      (acl.resource.patternType === 'prefix'
        ? name.startsWith(acl.resource.name)
        : name === acl.resource.name) &&
      acl.operations.includes(operation),
  );
}

if (require.main === module && process.argv[2] === 'names') {
  process.stdout.write(
    declaredKafkaUsers()
      .map((user) => `${user.name}\n`)
      .join(''),
  );
}
