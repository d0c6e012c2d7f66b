import { Metrics } from '@pujiang/observability';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  createTestTopics,
  kafkaConfigOf,
  testKafka,
  uniqueName,
} from '../../../test/support/kafka-probe';
import { stackEnv } from '../../../test/support/stack-env';
import { createTestDataSource, dropTestDataSource } from '../../../test/support/test-database';
import { createCloudEvent } from './cloud-event';
import { ConsumerGroups } from './inbox/consumer-groups';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from './index';
import { createKafka } from './kafka';
import { MessagingMetrics } from './messaging.metrics';
import { Outbox } from './outbox/outbox';

/** The value of the series of `name` whose labels include every `labels` pair. */
function valueOf(exposition: string, name: string, labels: string[] = []): number | undefined {
  const line = exposition
    .split('\n')
    .find(
      (l) =>
        (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) &&
        labels.every((label) => l.includes(label)),
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('messaging metrics, read from the real PostgreSQL and Kafka', () => {
  const env = stackEnv();
  let dataSource: DataSource;
  let kafka: Kafka;
  let metrics: Metrics;
  let collector: MessagingMetrics;
  let topic: string;
  let group: string;

  beforeAll(async () => {
    dataSource = await createTestDataSource(
      env.LEDGER_DATABASE_URL ?? '',
      MESSAGING_ENTITIES,
      MESSAGING_MIGRATIONS,
    );
    kafka = createKafka(kafkaConfigOf('admin'), 'pujiang-metrics-it');
    topic = uniqueName('pujiang.it.metrics');
    group = uniqueName('pujiang-it-group');
    await createTestTopics(testKafka(), topic, `${topic}.dlq`);
    const groups = new ConsumerGroups();
    groups.add({ groupId: group, topic, deadLetterTopic: `${topic}.dlq` });
    metrics = new Metrics();
    collector = new MessagingMetrics(metrics, dataSource, groups, kafka);
    collector.onModuleInit();
  });

  afterAll(async () => {
    await collector?.onApplicationShutdown();
    await dropTestDataSource(dataSource);
  });

  const scrape = async () => (await metrics.exposition()).body;

  it('reports a group behind by what it has not committed, and what sits on the dead-letter topic', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: String(i) })),
    });
    await producer.send({ topic: `${topic}.dlq`, messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.disconnect();
    const lagLabels = [`group="${group}"`, `topic="${topic}"`];

    const before = await scrape();
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '3' }] });
    await admin.disconnect();
    const after = await scrape();

    expect(valueOf(before, 'pujiang_kafka_consumer_lag', lagLabels)).toBe(5);
    expect(valueOf(after, 'pujiang_kafka_consumer_lag', lagLabels)).toBe(2);
    expect(valueOf(after, 'pujiang_dlq_messages', [`topic="${topic}.dlq"`])).toBe(2);
  });

  it('reports the outbox backlog and how long its oldest message has waited', async () => {
    await dataSource.query(
      `UPDATE outbox_message SET published_at = now() WHERE published_at IS NULL`,
    );
    const empty = await scrape();
    await dataSource.transaction(async (manager) => {
      await new Outbox().enqueue(
        manager,
        ...['a', 'b', 'c'].map((id) => ({
          topic,
          key: id,
          event: createCloudEvent({ id, source: '/it', type: 'dev.pujiang.it.v1', data: {} }),
        })),
      );
      await manager.query(`UPDATE outbox_message SET created_at = now() - interval '90 seconds'
                            WHERE published_at IS NULL`);
    });
    // The outbox is read at most once a second, for both of its gauges.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const waiting = await scrape();

    expect(valueOf(empty, 'pujiang_outbox_backlog')).toBe(0);
    expect(valueOf(empty, 'pujiang_outbox_oldest_age_seconds')).toBe(0);
    expect(valueOf(waiting, 'pujiang_outbox_backlog')).toBe(3);
    expect(valueOf(waiting, 'pujiang_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(90);
  });
});
