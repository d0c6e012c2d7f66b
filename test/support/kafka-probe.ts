import { randomBytes } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { sleep } from './sleep';

export function testKafka(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'pujiang-tests', brokers, logLevel: logLevel.NOTHING });
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
