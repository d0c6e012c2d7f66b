import { loadConfig } from '@pujiang/config';
import { DeadLetters, MessagingConfig, ParkedMessage, createKafka } from '@pujiang/messaging';
import { Client } from 'pg';
import { UsageError, type CliIo, type Command } from './command';

/**
 * `pujiang dlq list TOPIC` and `pujiang dlq replay TOPIC PARTITION/OFFSET`:
 * what the consumers parked on a topic's dead-letter topic, and sending one
 * back once its cause is fixed. Kafka as KAFKA_* in the environment (a user
 * that may read the dead-letter topic and write the topic); a replay also
 * needs DATABASE_URL, the database of the service whose group parked it.
 */
export const dlqCommand: Command = {
  words: ['dlq'],
  usage: [
    'dlq list TOPIC                      messages parked on TOPIC.dlq: where, event id, group, reason',
    '  pujiang dlq replay TOPIC PART/OFFSET   send one back to TOPIC for the group that parked it',
    "                                      (KAFKA_* and DATABASE_URL of that group's service)",
  ].join('\n'),
  async run(args, io) {
    const [verb, topic, where, ...extra] = args;
    if (topic === undefined || extra.length > 0)
      throw new UsageError('dlq needs list|replay TOPIC');
    const deadLetterTopic = topic.endsWith('.dlq') ? topic : `${topic}.dlq`;
    switch (verb) {
      case 'list':
        if (where !== undefined) throw new UsageError(`unexpected argument ${where}`);
        return list(deadLetterTopic, io);
      case 'replay':
        return replay(deadLetterTopic, position(where), io);
      default:
        throw new UsageError(`dlq needs list or replay, not '${verb ?? ''}'`);
    }
  },
};

function deadLetters(): DeadLetters {
  return new DeadLetters(createKafka(loadConfig(MessagingConfig), 'pujiang-cli'));
}

async function list(deadLetterTopic: string, io: CliIo): Promise<number> {
  const parked = await deadLetters().list(deadLetterTopic, (read, total) => {
    if (read % 1000 === 0 || read === total) io.err(`read ${read} of ${total}`);
  });
  io.out(['PARTITION/OFFSET', 'PARKED AT', 'EVENT ID', 'GROUP', 'REASON'].join('\t'));
  for (const message of parked) io.out(line(message));
  return 0;
}

async function replay(
  deadLetterTopic: string,
  at: { partition: number; offset: string },
  io: CliIo,
): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new UsageError('DATABASE_URL must name the database of the group that parked it');
  }
  const database = new Client({ connectionString: databaseUrl });
  await database.connect();
  try {
    const message = await deadLetters().replay(deadLetterTopic, at.partition, at.offset, database);
    io.out(
      `replayed ${message.eventId ?? ''} to ${message.originalTopic} for ${message.consumerGroup}`,
    );
    return 0;
  } finally {
    await database.end();
  }
}

function position(where: string | undefined): { partition: number; offset: string } {
  const match = /^(\d{1,6})\/(\d{1,19})$/.exec(where ?? '');
  if (match === null) throw new UsageError('replay needs PARTITION/OFFSET, as dlq list prints it');
  return { partition: Number(match[1]), offset: String(BigInt(match[2] ?? '0')) };
}

function line(message: ParkedMessage): string {
  return [
    `${message.partition}/${message.offset}`,
    message.parkedAt.toISOString(),
    message.eventId ?? '(not a CloudEvent)',
    message.consumerGroup,
    message.reason,
  ].join('\t');
}
