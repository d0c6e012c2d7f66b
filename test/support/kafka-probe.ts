import { randomBytes } from 'node:crypto';
import { loadConfig } from '@pujiang/config';
import { MessagingConfig, kafkaConnection } from '@pujiang/messaging';
import { Consumer, Kafka, KafkaConfig, KafkaMessage, logLevel } from 'kafkajs';
import { sleep } from './sleep';
import { kafkaEnv } from './stack-env';

/** A user's configuration, as a service of that user would load it. */
export function kafkaConfigOf(user: string): MessagingConfig {
  return loadConfig(MessagingConfig, kafkaEnv(user));
}

/** A client as one of the stack's Kafka users, over TLS with its own password. */
export function kafkaAs(user: string, options: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: `pujiang-tests-${user}`,
    ...kafkaConnection(kafkaConfigOf(user)),
    logLevel: logLevel.NOTHING,
    ...options,
  });
}

/** The stack's own tooling user (a super user): creates test topics and reads any topic. */
export function testKafka(): Kafka {
  return kafkaAs('admin');
}

export async function createTestTopics(kafka: Kafka, ...names: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: names.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
  });
  await admin.disconnect();
}

export function uniqueName(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}

/** Collects every record of a topic from the beginning, for assertions. */
export class TopicProbe {
  readonly messages: KafkaMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: uniqueName('probe') });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.messages.push(message);
        return Promise.resolve();
      },
    });
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<KafkaMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`${this.topic}: ${this.messages.length} of ${count} messages arrived`);
      }
      await sleep(100);
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}
