import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Topic } from '@pujiang/contracts';
import { Client } from 'pg';
import { eventually, testKafka } from '../support/kafka-probe';
import { startTraceabilityWithoutLedger } from '../support/traceability-without-ledger';
import { sleep } from '../support/sleep';
import { REPO_ROOT, stackEnv } from '../support/stack-env';
import { CaptureLoad, captureDuring } from './support/capture-load';
import { readTopicWindow, topicPosition } from './support/topic-window';

// Outages, restarts and the relay's back-off take minutes, not seconds.
jest.setTimeout(300_000);

const STACK_DIR = process.env.STACK_DIR ?? join(REPO_ROOT, '.stack');

/** kill -9: no shutdown hook, no flush; what a power cut or an OOM kill does. */
function kill9(pidFile: string): void {
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGKILL');
}

function restart(part: 'kafka' | 'postgres'): void {
  execFileSync('bash', [join(REPO_ROOT, 'scripts', 'stack', `${part}.sh`), 'up'], {
    stdio: 'ignore',
  });
}

interface CapturedMessage {
  data?: { event?: { epcList?: string[] } };
}

/** Single events only, from eight clients at once. */
const LOAD: CaptureLoad = { eventClients: 8, documentClients: 0, eventsPerDocument: 0 };

/** The test's own connection; its errors while PostgreSQL is down are expected. */
async function connect(): Promise<Client> {
  const client = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * Infrastructure killed with SIGKILL while events are being captured, then
 * restarted: every accepted event is stored once and published, and every
 * refusal during the outage was a clear 503, never an accepted-then-lost event.
 */
describe('capture through Kafka and PostgreSQL outages', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let db: Client;

  beforeAll(async () => {
    traceability = await startTraceabilityWithoutLedger();
    db = await connect();
  });

  afterAll(async () => {
    await db?.end();
    await traceability?.app.close();
  });

  async function stored(run: string): Promise<Set<string>> {
    const { rows } = await db.query<{ identifier: string }>(
      `SELECT identifier FROM epcis_event_identifier WHERE identifier LIKE $1`,
      [`%/21/${run}%`],
    );
    return new Set(rows.map((r) => r.identifier.split('/21/')[1] ?? ''));
  }

  it('loses nothing when the Kafka broker is killed and comes back', async () => {
    const run = `K${randomBytes(3).toString('hex')}`;
    const kafka = testKafka();
    const before = await topicPosition(kafka, Topic.eventCaptured);
    const { attempts } = await captureDuring(traceability.url, run, LOAD, async () => {
      await sleep(3_000);
      kill9(join(STACK_DIR, 'kafka', 'kafka.pid'));
      await sleep(5_000);
      restart('kafka');
      await sleep(3_000);
    });
    const accepted = attempts.filter((a) => a.status === 201);
    // The outbox makes Kafka's absence invisible to clients: capture keeps accepting.
    expect(attempts.filter((a) => a.status !== 201)).toEqual([]);
    expect(accepted.length).toBeGreaterThan(50);

    const inDatabase = await stored(run);
    expect(accepted.every((a) => a.serials.every((serial) => inDatabase.has(serial)))).toBe(true);
    expect(inDatabase.size).toBe(accepted.length);

    await eventually(
      async () => {
        const { rows } = await db.query<{ pending: string }>(
          `SELECT count(*) AS pending FROM outbox_message WHERE published_at IS NULL`,
        );
        return rows[0]?.pending === '0' ? true : undefined;
      },
      'the outbox drained',
      120_000,
    );
    // Only what was written since the run began: the topic's history is not read.
    const window = await readTopicWindow(
      kafka,
      Topic.eventCaptured,
      before,
      await topicPosition(kafka, Topic.eventCaptured),
    );
    const published = new Set(
      window
        .map((m) => JSON.parse(m.value?.toString() ?? '{}') as CapturedMessage)
        .flatMap((e) => e.data?.event?.epcList ?? [])
        .filter((epc) => epc.includes(`.107346.${run}`)),
    );
    expect(published.size).toBe(accepted.length);
  });

  it('refuses with 503 while PostgreSQL is down, and keeps everything it accepted', async () => {
    const run = `P${randomBytes(3).toString('hex')}`;
    const { attempts } = await captureDuring(traceability.url, run, LOAD, async () => {
      await sleep(3_000);
      kill9(join(STACK_DIR, 'postgres', 'data', 'postmaster.pid'));
      await sleep(4_000);
      restart('postgres');
      await sleep(4_000);
    });
    await db.end().catch(() => undefined);
    db = await connect();

    const accepted = attempts.filter((a) => a.status === 201);
    const refused = attempts.filter((a) => a.status !== 201);
    expect(refused.length).toBeGreaterThan(0);
    for (const attempt of refused) {
      expect(attempt).toMatchObject({
        status: 503,
        contentType: expect.stringContaining('application/problem+json'),
      });
    }
    const inDatabase = await stored(run);
    expect(accepted.every((a) => a.serials.every((serial) => inDatabase.has(serial)))).toBe(true);
    // A refused event may still have been stored if the database committed as
    // the connection broke; what matters is that no accepted event is missing.
    expect(inDatabase.size).toBeGreaterThanOrEqual(accepted.length);
    // And the service recovered by itself: the next capture is accepted.
    const { attempts: again } = await captureDuring(traceability.url, `${run}x`, LOAD, () =>
      sleep(1_000),
    );
    expect(again.length).toBeGreaterThan(0);
    expect(again.every((a) => a.status === 201)).toBe(true);
  });
});
