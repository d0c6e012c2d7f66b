/**
 * Creates the platform's Kafka topics (libs/contracts is the list) on the
 * local broker; existing topics are left as they are. Run by the stack's
 * Kafka step after the broker answers.
 */
import 'reflect-metadata';
import { TOPIC_SPECS } from '@pujiang/contracts';
import { Kafka, logLevel } from 'kafkajs';

async function createTopics(brokers: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'pujiang-stack', brokers, logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
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
  } finally {
    await admin.disconnect();
  }
}

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:59092').split(',');
createTopics(brokers).catch((error: unknown) => {
  process.stderr.write(`[kafka] topic creation failed: ${String(error)}\n`);
  process.exit(1);
});
