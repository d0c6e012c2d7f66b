import { createHash, randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { AnchorRequestedV1, EventType, Topic } from '@pujiang/contracts';
import { EventPublisher, REPLAY_GROUP, createCloudEvent } from '@pujiang/messaging';
import { ANCHOR_REQUESTS_GROUP } from '../../services/ledger/src/anchoring/anchor-requests.consumer';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { eventually, kafkaAs } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { kafkaEnv, stackEnv } from '../support/stack-env';
import { pujiang } from '../support/pujiang-cli';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * A poison message on a production topic, from parking to replay, on the
 * whole stack: traceability's request to anchor an item reaches the ledger
 * service's real consumer, which finds the item already queued under another
 * digest (a row left by an older release) and parks the request on the
 * topic's dead-letter topic. The operator lists it with `pujiang dlq list`,
 * removes the stale row, replays it with `pujiang dlq replay`; the consumer
 * queues it once, the ledger anchors it, and a second replay is refused.
 * (libs/messaging's own tests and test/stack/pujiang-dlq park and replay on a
 * test topic with a test handler; this is the service's consumer and topic.)
 */
describe('a parked anchor request, replayed by an operator once its cause is fixed', () => {
  const env = stackEnv();
  const deadLetterTopic = `${Topic.anchorRequested}.dlq`;
  const group = `${ANCHOR_REQUESTS_GROUP}.Org1MSP`;
  let ledgerService: { app: NestFastifyApplication; url: string };
  let ledgerDb: Client;
  let traceability: EventPublisher;
  const saved = { ...process.env };

  beforeAll(async () => {
    ledgerService = await startService('ledger', LedgerApp);
    ledgerDb = new Client({ connectionString: env.LEDGER_DATABASE_URL });
    await ledgerDb.connect();
    traceability = new EventPublisher(kafkaAs('traceability'));
    // The operator's environment: the operator Kafka user (k8s kafka-users.yaml: reads the
    // dead-letter topics, writes the topics back, nothing more) and the database of the
    // service whose group parked the message.
    Object.assign(process.env, kafkaEnv('operator'), { DATABASE_URL: env.LEDGER_DATABASE_URL });
  });

  afterAll(async () => {
    process.env = saved;
    await traceability?.onApplicationShutdown();
    await ledgerDb?.end();
    await ledgerService?.app.close();
  });

  /** The dead-letter records of one event, as `pujiang dlq list` prints them. */
  async function parkedLines(eventId: string): Promise<string[][]> {
    const run = await pujiang('dlq', 'list', Topic.anchorRequested);
    expect(run.code).toBe(0);
    return run.out.map((line) => line.split('\t')).filter((cells) => cells[2] === eventId);
  }

  it('parks the request, lists it, replays it after the fix, anchors it once and refuses a second replay', async () => {
    const itemId = randomUUID();
    const digest = sha256(`event ${itemId}`);
    // Left by a release that queued items without their organisation: never sealed, never anchored.
    await ledgerDb.query(
      `INSERT INTO anchor_item (item_id, digest, organisation) VALUES ($1, $2, NULL)`,
      [itemId, sha256('a stale digest')],
    );
    const request = createCloudEvent<AnchorRequestedV1>({
      id: `anchor-requested:${itemId}`,
      source: '/pujiang/traceability',
      type: EventType.anchorRequested,
      subject: itemId,
      data: { itemId, digest, organisation: 'Org1MSP' },
    });
    await traceability.publish([{ topic: Topic.anchorRequested, key: itemId, event: request }]);

    const [parked] = await eventually(
      async () => {
        const lines = await parkedLines(request.id);
        return lines.length > 0 ? lines : undefined;
      },
      'the request to be parked on the dead-letter topic',
      60_000,
    );
    expect(parked).toEqual([
      expect.stringMatching(/^0\/\d+$/),
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      request.id,
      group,
      `item ${itemId} is queued with another digest`,
    ]);
    const position = parked?.[0] ?? '';

    // The fix: the stale row goes; the request can now be queued as sent.
    await ledgerDb.query(`DELETE FROM anchor_item WHERE item_id = $1 AND batch_id IS NULL`, [
      itemId,
    ]);
    const replayed = await pujiang('dlq', 'replay', Topic.anchorRequested, position);
    expect(replayed).toMatchObject({
      code: 0,
      out: [`replayed ${request.id} to ${Topic.anchorRequested} for ${group}`],
    });

    // Queued once with the digest asked for, sealed and anchored by the running anchorer.
    const anchored = await eventually(
      async () => {
        const { rows } = await ledgerDb.query<{ digest: string; status: string | null }>(
          `SELECT i.digest, b.status FROM anchor_item i
             LEFT JOIN anchor_batch b ON b.batch_id = i.batch_id WHERE i.item_id = $1`,
          [itemId],
        );
        return rows[0]?.status === 'anchored' ? rows : undefined;
      },
      'the replayed request to be anchored',
      60_000,
    );
    expect(anchored).toEqual([{ digest, status: 'anchored' }]);

    // A second replay of the same record is refused and sends nothing.
    const again = await pujiang('dlq', 'replay', Topic.anchorRequested, position);
    expect(again).toMatchObject({
      code: 1,
      err: [expect.stringMatching(new RegExp(`${position} was replayed already`))],
    });
    const { rows: processed } = await ledgerDb.query<{ consumer_group: string }>(
      `SELECT consumer_group FROM processed_message WHERE message_id = ANY($1::text[])
        ORDER BY consumer_group`,
      [[request.id, `${deadLetterTopic}/${position}`]],
    );
    expect(processed).toEqual([{ consumer_group: REPLAY_GROUP }, { consumer_group: group }]);
    // Handled, not parked again: still the one dead-letter record.
    expect(await parkedLines(request.id)).toHaveLength(1);
  });
});
