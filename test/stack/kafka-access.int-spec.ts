/**
 * The stack's broker lets in only the platform's Kafka users, over TLS, and
 * each only as far as k8s/base/platform/kafka-users.yaml grants it: a client
 * without credentials reads nothing, and a service with another service's
 * credentials cannot read or write that service's topics (e.g. forge anchoring
 * requests, or read every captured event).
 */
import { readFileSync } from 'node:fs';
import { TOPIC_SPECS, Topic } from '@pujiang/contracts';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import {
  KafkaUserDeclaration,
  declaredKafkaUsers,
  isAllowed,
} from '../../scripts/stack/kafka-users';
import { kafkaAs, uniqueName } from '../support/kafka-probe';
import { stackEnv } from '../support/stack-env';

/**
 * kafkajs never retries a refusal, so one shows at once; the retries are for
 * what is only slow (the group coordinator of a freshly formatted broker).
 */
const PROMPT: Partial<KafkaConfig> = {
  connectionTimeout: 3_000,
  requestTimeout: 10_000,
  retry: { retries: 5, initialRetryTime: 300 },
  logLevel: logLevel.NOTHING,
};
const TOPICS = TOPIC_SPECS.map((spec) => spec.name);
const USERS = declaredKafkaUsers();

/**
 * Resolves once the consumer has joined `groupId` and fetched from `topic`
 * (records or none): the broker let it read. Offsets are never committed, so
 * a service's group loses nothing.
 */
async function readFrom(kafka: Kafka, topic: string, groupId: string): Promise<void> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.FETCH, () => resolve());
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer.run({ autoCommit: false, eachMessage: () => Promise.resolve() }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

async function writeTo(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ value: 'kafka-access test' }] });
  } finally {
    await producer.disconnect();
  }
}

/**
 * 'allowed', or the broker's own refusal: never a timeout or a lost connection
 * passing for one. `logged` holds the refusals kafkajs logged on the way: it
 * swallows a refused FindCoordinator (a user with no group at all) and throws
 * only "Failed to find group coordinator", so the broker's answer is in its log.
 */
async function refusal(attempt: Promise<void>, logged: string[] = []): Promise<string> {
  logged.length = 0;
  try {
    await attempt;
    return 'allowed';
  } catch (error) {
    const refused = authorisationFailure(error) ?? logged[0];
    if (refused === undefined)
      throw new Error(`failed, but not by authorisation: ${String(error)}`);
    return refused;
  }
}

/** kafkajs options that collect the broker's refusals from its debug log into `into`. */
function collectingRefusals(into: string[]): Partial<KafkaConfig> {
  return {
    logLevel: logLevel.DEBUG,
    logCreator:
      () =>
      ({ log }) => {
        const type = (log as { error?: { type?: unknown } }).error?.type;
        if (typeof type === 'string' && type.endsWith('_AUTHORIZATION_FAILED')) into.push(type);
      },
  };
}

/** TOPIC_AUTHORIZATION_FAILED or GROUP_AUTHORIZATION_FAILED, wherever kafkajs wrapped it. */
function authorisationFailure(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (let e = error; e instanceof Error && !seen.has(e);) {
    seen.add(e);
    const { type, originalError } = e as { type?: unknown; originalError?: unknown };
    if (typeof type === 'string' && type.endsWith('_AUTHORIZATION_FAILED')) return type;
    e = originalError ?? e.cause;
  }
  return undefined;
}

/** The group a user reads as: its own (a member of its prefix), or none it may use. */
function groupOf(user: KafkaUserDeclaration): string {
  const group = user.acls.find((acl) => acl.resource.type === 'group');
  if (group === undefined) return uniqueName(`kafka-access.${user.name}`);
  return group.resource.patternType === 'prefix'
    ? `${group.resource.name}.kafka-access-test`
    : group.resource.name;
}

describe('Kafka on the stack: every client authenticates, each service only as k8s/ grants', () => {
  const env = stackEnv();
  const brokers = (env.KAFKA_BROKERS ?? '').split(',');

  it('refuses a client that connects as they all did: in plain text, without credentials', async () => {
    const anonymous = new Kafka({ clientId: 'anonymous', brokers, ...PROMPT });

    await expect(
      readFrom(anonymous, Topic.eventCaptured, uniqueName('anonymous')),
    ).rejects.toThrow();
    await expect(writeTo(anonymous, Topic.anchorRequested)).rejects.toThrow();
  });

  it('refuses a client over TLS without credentials', async () => {
    const ca = readFileSync(env.KAFKA_TLS_CA_FILE ?? '', 'utf8');
    const anonymous = new Kafka({ clientId: 'anonymous', brokers, ssl: { ca: [ca] }, ...PROMPT });

    await expect(
      readFrom(anonymous, Topic.eventCaptured, uniqueName('anonymous')),
    ).rejects.toThrow();
  });

  it("refuses a service's user name with a wrong password, and lets it in with its own", async () => {
    const impostor = new Kafka({
      ...PROMPT,
      clientId: 'impostor',
      brokers,
      ssl: { ca: [readFileSync(env.KAFKA_TLS_CA_FILE ?? '', 'utf8')] },
      sasl: { mechanism: 'scram-sha-512', username: 'ledger', password: 'guessed' },
    }).admin();
    const ledger = kafkaAs('ledger', PROMPT).admin();

    await expect(impostor.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    await ledger.connect();
    await ledger.disconnect();
  });

  describe.each(USERS.map((user) => [user.name, user] as const))('the %s user', (_name, user) => {
    const kafka = () => kafkaAs(user.name, PROMPT);
    const group = groupOf(user);

    it('reads the topics its service consumes, as its consumer group', async () => {
      const reads = TOPICS.filter((topic) => isAllowed(user, 'topic', topic, 'Read'));
      for (const topic of reads) {
        expect([topic, await refusal(readFrom(kafka(), topic, group))]).toEqual([topic, 'allowed']);
      }
    });

    it('is refused every other topic, even as its own consumer group', async () => {
      const others = TOPICS.filter((topic) => !isAllowed(user, 'topic', topic, 'Read'));
      const logged: string[] = [];
      const watched = kafkaAs(user.name, { ...PROMPT, ...collectingRefusals(logged) });
      const outcomes = [];
      for (const topic of others)
        outcomes.push([topic, await refusal(readFrom(watched, topic, group), logged)]);

      expect(outcomes.filter(([, outcome]) => outcome === 'allowed')).toEqual([]);
      expect(others.length).toBeGreaterThan(0);
    });

    it('is refused writing to every topic its service does not publish to', async () => {
      const others = TOPICS.filter((topic) => !isAllowed(user, 'topic', topic, 'Write'));
      const outcomes = [];
      for (const topic of others) outcomes.push([topic, await refusal(writeTo(kafka(), topic))]);

      expect(outcomes.filter(([, outcome]) => outcome === 'allowed')).toEqual([]);
    });
  });
});
