import { randomBytes } from 'node:crypto';
import { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { MalformedCloudEventError, parseCloudEvent } from '../cloud-event';

const READ_TIMEOUT_MS = 60_000;

/** A record the inbox parked, with what its `dlq-*` headers say. */
export interface ParkedMessage {
  deadLetterTopic: string;
  partition: number;
  offset: string;
  /** The CloudEvent id; undefined if the record was not a CloudEvent at all. */
  eventId?: string;
  reason: string;
  consumerGroup: string;
  originalTopic: string;
  originalPartition: string;
  originalOffset: string;
  parkedAt: Date;
}

/** Runs one SQL statement in a service's database: a pg Client or Pool. */
export interface Queryable {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Progress of a long read: records read so far out of those there are. */
export type Progress = (read: number, total: number) => void;

export class ParkedMessageNotFoundError extends Error {
  override name = 'ParkedMessageNotFoundError';
}

/** The record was sent back once already; a second replay would be handled twice. */
export class ParkedMessageAlreadyReplayedError extends Error {
  override name = 'ParkedMessageAlreadyReplayedError';
}

/**
 * The consumer group under which a replay records, in the consumer's own
 * processed_message table, which dead-letter records it sent back: the inbox's
 * idempotency, applied to the replay itself.
 */
export const REPLAY_GROUP = 'pujiang-cli.dlq-replay';

/** Prefix of the throw-away consumer groups that read a dead-letter topic (ACLs grant it). */
export const DEAD_LETTER_READER_GROUP_PREFIX = 'pujiang-cli.dead-letters.';

/**
 * The dead-letter topics as an operator sees them: what was parked and why,
 * and a way to send a parked message back once its cause is fixed. A replay
 * republishes the record unchanged (key, value, its own headers) to the topic
 * it came from, and first lets the group that parked it handle it again: the
 * inbox counted a refused message as processed, so without that the group
 * would skip it. Other groups on the topic still skip it (they handled it).
 * Each dead-letter record is replayed at most once: the group's processed row
 * is deleted for the replay, so a second one would be handled a second time.
 */
export class DeadLetters {
  constructor(private readonly kafka: Kafka) {}

  /** Everything parked on the topic up to now, oldest first in each partition. */
  async list(deadLetterTopic: string, progress?: Progress): Promise<ParkedMessage[]> {
    const records = await this.readToEnd(deadLetterTopic, progress);
    return records.map(({ partition, message }) => parked(deadLetterTopic, partition, message));
  }

  async replay(
    deadLetterTopic: string,
    partition: number,
    offset: string,
    consumerDatabase: Queryable,
  ): Promise<ParkedMessage> {
    const records = await this.readToEnd(deadLetterTopic);
    const record = records.find((r) => r.partition === partition && r.message.offset === offset);
    if (record === undefined) {
      throw new ParkedMessageNotFoundError(
        `${deadLetterTopic} has no record ${partition}/${offset}`,
      );
    }
    const message = parked(deadLetterTopic, partition, record.message);
    if (message.eventId === undefined) {
      throw new ParkedMessageNotFoundError(
        `${partition}/${offset} is not a CloudEvent: replayed, it would be parked again`,
      );
    }
    const where = `${deadLetterTopic}/${partition}/${offset}`;
    const claimed = await consumerDatabase.query(
      `INSERT INTO processed_message (consumer_group, message_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [REPLAY_GROUP, where],
    );
    if (claimed.rows.length === 0) {
      throw new ParkedMessageAlreadyReplayedError(
        `${partition}/${offset} was replayed already; if it was parked again, replay that record`,
      );
    }
    await consumerDatabase.query(
      `DELETE FROM processed_message WHERE consumer_group = $1 AND message_id = $2`,
      [message.consumerGroup, message.eventId],
    );
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    try {
      await producer.connect();
      await producer.send({
        topic: message.originalTopic,
        acks: -1,
        messages: [
          {
            key: record.message.key,
            value: record.message.value,
            headers: {
              ...ownHeaders(record.message.headers),
              'dlq-replayed-from': where,
            },
          },
        ],
      });
    } catch (error) {
      // Not sent: the operator may try again (the group's row stays deleted, which is harmless).
      await consumerDatabase.query(
        `DELETE FROM processed_message WHERE consumer_group = $1 AND message_id = $2`,
        [REPLAY_GROUP, where],
      );
      throw error;
    } finally {
      await producer.disconnect();
    }
    return message;
  }

  /**
   * Reads a topic from its start to where it ended when asked, with a
   * throw-away consumer group that commits nothing and is deleted after.
   */
  private async readToEnd(
    topic: string,
    progress?: Progress,
  ): Promise<{ partition: number; message: KafkaMessage }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends = (await admin.fetchTopicOffsets(topic)).filter(
        (p) => BigInt(p.high) > BigInt(p.low),
      );
      const total = ends.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
      if (ends.length === 0) return [];
      const groupId = `${DEAD_LETTER_READER_GROUP_PREFIX}${randomBytes(4).toString('hex')}`;
      const records: { partition: number; message: KafkaMessage }[] = [];
      const consumer = this.kafka.consumer({ groupId });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          // Records are contiguous here (no transactions), so the end comes; never wait for ever.
          const timer = setTimeout(
            () => reject(new Error(`${topic}: not read to its end in ${READ_TIMEOUT_MS} ms`)),
            READ_TIMEOUT_MS,
          );
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          const remaining = new Map(ends.map((p) => [p.partition, BigInt(p.high)]));
          consumer
            .run({
              autoCommit: false,
              eachMessage: ({ partition, message }) => {
                const end = remaining.get(partition);
                if (end !== undefined && BigInt(message.offset) < end) {
                  records.push({ partition, message });
                  progress?.(records.length, total);
                  if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
                  if (remaining.size === 0) done();
                }
                return Promise.resolve();
              },
            })
            .catch(reject);
        });
      } finally {
        await consumer.disconnect();
        await admin.deleteGroups([groupId]).catch(() => undefined);
      }
      return records;
    } finally {
      await admin.disconnect();
    }
  }
}

function parked(deadLetterTopic: string, partition: number, message: KafkaMessage): ParkedMessage {
  const header = (name: string) => message.headers?.[name]?.toString() ?? '';
  let eventId: string | undefined;
  try {
    eventId = parseCloudEvent(message.value).id;
  } catch (error) {
    if (!(error instanceof MalformedCloudEventError)) throw error;
  }
  return {
    deadLetterTopic,
    partition,
    offset: message.offset,
    ...(eventId === undefined ? {} : { eventId }),
    reason: header('dlq-reason'),
    consumerGroup: header('dlq-consumer-group'),
    originalTopic: header('dlq-original-topic'),
    originalPartition: header('dlq-original-partition'),
    originalOffset: header('dlq-original-offset'),
    parkedAt: new Date(Number(message.timestamp)),
  };
}

/** The record's headers without the ones the parking added. */
function ownHeaders(headers: IHeaders | undefined): Record<string, Buffer | string> {
  const own: Record<string, Buffer | string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.startsWith('dlq-') || value === undefined) continue;
    own[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return own;
}
