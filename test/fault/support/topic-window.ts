import { randomBytes } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';

/** Next offset to be written, per partition: where a topic stands at one moment. */
export type TopicPosition = Map<number, bigint>;

export async function topicPosition(kafka: Kafka, topic: string): Promise<TopicPosition> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every record written to `topic` between two positions, read by a consumer
 * group of its own that starts exactly at `from`; the topic's history before
 * the test (weeks of it) is never read.
 */
export async function readTopicWindow(
  kafka: Kafka,
  topic: string,
  from: TopicPosition,
  to: TopicPosition,
  timeoutMs = 60_000,
): Promise<KafkaMessage[]> {
  const groupId = `fault-window.${randomBytes(4).toString('hex')}`;
  const remaining = new Set(
    [...to].filter(([partition, end]) => end > (from.get(partition) ?? 0n)).map(([p]) => p),
  );
  const messages: KafkaMessage[] = [];
  if (remaining.size === 0) return messages;

  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({
    groupId,
    topic,
    partitions: [...to.keys()].map((partition) => ({
      partition,
      offset: String(from.get(partition) ?? 0n),
    })),
  });
  const consumer = kafka.consumer({ groupId });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic}: partitions ${[...remaining].join(', ')} not read`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const end = to.get(partition) ?? 0n;
            const offset = BigInt(message.offset);
            if (offset < end) messages.push(message);
            if (offset + 1n >= end && remaining.delete(partition) && remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return messages;
}
