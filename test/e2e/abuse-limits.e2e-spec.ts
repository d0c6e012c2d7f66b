import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { Client } from 'pg';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { supplyChainDocument } from '../../services/traceability/src/epcis/testing/supply-chain.fixture';
import { CarrierSystem } from '../support/carrier-system';
import { issuanceRequest } from '../support/dcsa-documents';
import { EblWorld, startEblWorld } from '../support/ebl-platforms';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { stackEnv } from '../support/stack-env';
import { ORG1_PACKER, bearer } from '../support/stack-tokens';

/**
 * Issue 15, item 9: the limits that keep one client from taking a service
 * down, each shown refusing (or bounding) what exceeds it while ordinary
 * traffic still passes. Each group starts its own service instance with a
 * low limit of its own; the window is an hour so that no limit resets while
 * a test runs (no timing is asserted, only counted).
 */

type Json = Record<string, unknown>;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP call from a chosen loopback address: each address is another client. */
function call(
  url: string,
  options: {
    method?: string;
    from?: string;
    headers?: Record<string, string>;
    body?: unknown;
  } = {},
): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const json = (answer: Answer): Json => JSON.parse(answer.body) as Json;

function expectRefusal(answer: Answer, status: 429 | 503): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(json(answer)).toMatchObject({ status });
  expect(String(answer.headers['retry-after'])).toMatch(/^[1-9]\d*$/);
}

const LIMIT_KEYS = [
  'RATE_LIMIT_PUBLIC_REQUESTS',
  'RATE_LIMIT_WRITE_REQUESTS',
  'CAPTURE_SINGLE_EVENT_QUEUE',
  'TRACE_MAX_LEVEL_EVENTS',
  'LEDGER_HEALTH_CACHE_SECONDS',
  'EBL_VERIFY_CACHE_SECONDS',
];

/**
 * The limits of the next service started: these, and the test stack's for
 * the rest (serviceEnv keeps a limit the test set itself).
 */
function limits(settings: Record<string, string> = {}): void {
  for (const key of LIMIT_KEYS) delete process.env[key];
  Object.assign(process.env, { RATE_LIMIT_WINDOW_SECONDS: '3600' }, settings);
}

const GTIN = '09520123456788';
const lotUri = (lot: string) => `https://id.gs1.org/01/${GTIN}/10/${lot}`;

/** An event seen at its own place, naming `lot`: distinct per (lot, i). */
function lotSeen(lot: string, i: number, eventID = `urn:uuid:${randomUuid()}`): Json {
  return {
    type: 'ObjectEvent',
    eventID,
    eventTime: `2026-11-20T08:${String(i % 60).padStart(2, '0')}:00.000+01:00`,
    eventTimeZoneOffset: '+01:00',
    action: 'OBSERVE',
    bizStep: 'inspecting',
    epcList: [],
    quantityList: [{ epcClass: lotUri(lot), quantity: i + 1, uom: 'KGM' }],
    readPoint: { id: `https://id.gs1.org/414/9520123456788/254/${i}` },
  };
}

function randomUuid(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const documentOf = (events: Json[]) => ({
  '@context': [EPCIS_CONTEXT],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-11-20T09:00:00.000+01:00',
  epcisBody: { eventList: events },
});

const packer = (party: string) => bearer({ ...ORG1_PACKER, party });

/**
 * Proposals peer0.org1 has endorsed or evaluated for the chaincode, read from
 * the peer's own operations metrics: every ledger read or write a service
 * makes through its gateway is one.
 */
async function chaincodeProposals(): Promise<number> {
  const env = stackEnv();
  const res = await fetch(`http://${env.FABRIC_ORG1_OPERATIONS}/metrics`);
  const text = await res.text();
  const label = `chaincode="${env.FABRIC_CHAINCODE}"`;
  return text
    .split('\n')
    .filter((line) => line.startsWith('endorser_proposal_duration_count{') && line.includes(label))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe('abuse limits', () => {
  describe('rate limits on traceability', () => {
    let traceability: { app: NestFastifyApplication; url: string };
    const tag = `rl${randomBytes(3).toString('hex')}`;

    beforeAll(async () => {
      limits({ RATE_LIMIT_PUBLIC_REQUESTS: '3', RATE_LIMIT_WRITE_REQUESTS: '3' });
      traceability = await startService('traceability', TraceabilityApp);
    });
    afterAll(() => traceability?.app.close());

    it('refuses a client past its limit on the consumer page, the QR code and /verify, and still serves another client', async () => {
      const page = `${traceability.url}/01/${GTIN}/10/${tag}-P`;
      const qr = `${traceability.url}/qr/01/${GTIN}/10/${tag}-P`;
      const verify = `${traceability.url}/verify/${encodeURIComponent('ni:///sha-256;00?ver=CBV2.0')}`;
      const a = '127.0.0.2';

      const within = [
        await call(page, { from: a }),
        await call(qr, { from: a }),
        await call(verify, { from: a }),
      ];
      expect(within.map((r) => r.status)).toEqual([200, 200, 404]);

      const past = [
        await call(page, { from: a }),
        await call(qr, { from: a }),
        await call(verify, { from: a }),
        // A client cannot name another address for itself: no proxy is trusted.
        await call(page, { from: a, headers: { 'x-forwarded-for': '203.0.113.9' } }),
      ];
      for (const answer of past) expectRefusal(answer, 429);

      expect((await call(page, { from: '127.0.0.3' })).status).toBe(200);
      expect((await call(qr, { from: '127.0.0.3' })).status).toBe(200);
    });

    it('refuses a token past its write limit, stores nothing of the refused write, and lets its reads and other parties through', async () => {
      const writer = await packer(`limited-${tag}`);
      const events = [0, 1, 2, 3].map((i) => lotSeen(`${tag}-W`, i));
      const answers: Answer[] = [];
      for (const event of events) {
        answers.push(
          await call(`${traceability.url}/events`, {
            method: 'POST',
            headers: writer,
            body: event,
          }),
        );
      }
      expect(answers.slice(0, 3).map((r) => r.status)).toEqual([201, 201, 201]);
      expectRefusal(answers[3], 429);

      // The same token still reads; the refused event was never stored.
      const eventUrl = (event: Json) =>
        `${traceability.url}/events/${encodeURIComponent(String(event.eventID))}`;
      expect((await call(eventUrl(events[0]), { headers: writer })).status).toBe(200);
      expect((await call(eventUrl(events[3]), { headers: writer })).status).toBe(404);

      // Another party of the same organisation, from the same address, still writes.
      const other = await call(`${traceability.url}/events`, {
        method: 'POST',
        headers: await packer(`other-${tag}`),
        body: events[3],
      });
      expect(other.status).toBe(201);
    });
  });

  describe('the single-event capture queue', () => {
    let traceability: { app: NestFastifyApplication; url: string };
    let database: Client;
    const tag = `q${randomBytes(3).toString('hex')}`;

    beforeAll(async () => {
      limits({ CAPTURE_SINGLE_EVENT_QUEUE: '1' });
      traceability = await startService('traceability', TraceabilityApp);
      database = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
      await database.connect();
    });
    afterAll(async () => {
      await database?.query('ROLLBACK').catch(() => undefined);
      await database?.end();
      await traceability?.app.close();
    });

    /** Single-event writes waiting for the capture_job table, which the test holds locked. */
    const blockedWrites = async (): Promise<number> => {
      const { rows } = await database.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_locks
          WHERE NOT granted AND relation = 'capture_job'::regclass`,
      );
      return Number(rows[0]?.n ?? 0);
    };

    it('answers 503 with Retry-After once the queue is full, stores nothing refused, and serves again when it drains', async () => {
      const headers = await packer(`queue-${tag}`);
      const post = (event: Json) =>
        call(`${traceability.url}/events`, { method: 'POST', headers, body: event });
      const events = [0, 1, 2, 3, 4, 5].map((i) => lotSeen(`${tag}-Q`, i));

      // Hold the writes: the one group in flight (decision 0044) waits on the lock, as on a
      // slow database.
      await database.query('BEGIN');
      await database.query('LOCK TABLE capture_job IN SHARE MODE');
      const inFlight = [post(events[0])];
      await eventually(
        async () => ((await blockedWrites()) >= 1 ? true : undefined),
        'a write in flight',
      );

      // Five more: one waits in the queue (size 1), the others are refused at once.
      const answered: Answer[] = [];
      const more = events.slice(1).map((event) =>
        post(event).then((answer) => {
          answered.push(answer);
          return answer;
        }),
      );
      await eventually(
        () => (answered.length >= 4 ? true : undefined),
        'four refusals while the queue is full',
        15_000,
      );
      expect(answered).toHaveLength(4);
      for (const answer of answered) expectRefusal(answer, 503);

      await database.query('ROLLBACK');
      const all = await Promise.all([...inFlight, ...more]);
      expect(all.filter((r) => r.status === 201)).toHaveLength(2);
      expect(all.filter((r) => r.status === 503)).toHaveLength(4);

      // A refused event was never stored; sent again, it is taken.
      const refusedIndex = all.findIndex((r) => r.status === 503);
      const refused = events[refusedIndex];
      const stored = await call(
        `${traceability.url}/events/${encodeURIComponent(String(refused.eventID))}`,
        { headers },
      );
      expect(stored.status).toBe(404);
      expect((await post(refused)).status).toBe(201);
    });
  });

  describe('schema errors of an untrusted body', () => {
    let traceability: { app: NestFastifyApplication; url: string };

    beforeAll(async () => {
      limits();
      traceability = await startService('traceability', TraceabilityApp);
    });
    afterAll(() => traceability?.app.close());

    it('names a bounded number of problems for a document with a hundred thousand errors', async () => {
      const hostile = documentOf(
        Array.from({ length: 20_000 }, () => ({ type: 'ObjectEvent', action: 1 })),
      );
      const answer = await call(`${traceability.url}/capture`, {
        method: 'POST',
        headers: await packer('schema-hostile'),
        body: hostile,
      });
      expect(answer.status).toBe(400);
      const problem = json(answer) as { errors?: unknown[]; detail?: string };
      expect(problem.errors?.length ?? 0).toBeGreaterThan(0);
      expect(problem.errors?.length).toBeLessThanOrEqual(100);
    });

    it('still names every wrong field of an ordinary mistaken event, and takes a valid one', async () => {
      const tag = `se${randomBytes(3).toString('hex')}`;
      const mistaken = lotSeen(`${tag}-S`, 0);
      delete mistaken.eventTime;
      delete mistaken.action;
      const answer = await call(`${traceability.url}/events`, {
        method: 'POST',
        headers: await packer('schema-ordinary'),
        body: mistaken,
      });
      expect(answer.status).toBe(400);
      const pointers = ((json(answer).errors ?? []) as { pointer: string }[]).map((e) => e.pointer);
      expect(pointers).toEqual(expect.arrayContaining(['/eventTime', '/action']));
      const valid = await call(`${traceability.url}/capture`, {
        method: 'POST',
        headers: await packer('schema-ordinary'),
        body: supplyChainDocument(tag),
      });
      expect(valid.status).toBe(202);
    });
  });

  describe('trace expansion within one level', () => {
    let traceability: { app: NestFastifyApplication; url: string };
    const tag = `tx${randomBytes(3).toString('hex')}`;

    beforeAll(async () => {
      limits({ TRACE_MAX_LEVEL_EVENTS: '20' });
      traceability = await startService('traceability', TraceabilityApp);
      const headers = await packer('trace-limit');
      const capture = async (events: Json[]) =>
        expect(
          (
            await call(`${traceability.url}/capture`, {
              method: 'POST',
              headers,
              body: documentOf(events),
            })
          ).status,
        ).toBe(202);
      // A lot named by more events than one level may read, and an ordinary one.
      await capture(Array.from({ length: 30 }, (_, i) => lotSeen(`${tag}-BIG`, i)));
      await capture(Array.from({ length: 5 }, (_, i) => lotSeen(`${tag}-SMALL`, i)));
    });
    afterAll(() => traceability?.app.close());

    const trace = async (lot: string) => {
      const answer = await call(
        `${traceability.url}/trace?identifier=${encodeURIComponent(lotUri(lot))}&maxDepth=1`,
        { headers: await bearer() },
      );
      expect(answer.status).toBe(200);
      return json(answer) as { truncated: boolean; edges: { eventHash: string }[] };
    };

    it('stops a level at the limit and says the trace is truncated', async () => {
      const big = await trace(`${tag}-BIG`);
      expect(big.truncated).toBe(true);
      expect(new Set(big.edges.map((e) => e.eventHash)).size).toBeLessThanOrEqual(20);
    });

    it('traces an ordinary lot in full', async () => {
      const small = await trace(`${tag}-SMALL`);
      expect(small.truncated).toBe(false);
      expect(new Set(small.edges.map((e) => e.eventHash)).size).toBe(5);
    });
  });

  describe('the ledger behind /health and the eBL verification page', () => {
    let traceability: { app: NestFastifyApplication; url: string } | undefined;
    let world: EblWorld | undefined;
    const carrier = new CarrierSystem();
    const reference = `NOPE${randomBytes(4).toString('hex').toUpperCase()}`;
    const page = (started: EblWorld) => `${started.pja.url}/verify/${reference}`;
    /** PJA and PJB, started once for the tests that need them, after the health check's. */
    const platforms = async (): Promise<EblWorld> => {
      if (world === undefined) {
        limits({ RATE_LIMIT_PUBLIC_REQUESTS: '3', EBL_VERIFY_CACHE_SECONDS: '3600' });
        world = await startEblWorld(await carrier.start());
      }
      return world;
    };

    afterAll(async () => {
      await traceability?.app.close();
      await world?.stop();
      await carrier.stop();
    });

    it('asks Fabric at most once for many health checks', async () => {
      limits({ LEDGER_HEALTH_CACHE_SECONDS: '3600' });
      traceability = await startService('traceability', TraceabilityApp);
      expect((await call(`${traceability.url}/health`)).status).toBe(200);
      const before = await chaincodeProposals();
      const answers = [];
      for (let i = 0; i < 10; i++) answers.push(await call(`${traceability.url}/health`));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      expect((await chaincodeProposals()) - before).toBeLessThanOrEqual(1);
      await traceability.app.close();
      traceability = undefined;
    });

    it('asks Fabric at most once for many readers of the eBL verification page', async () => {
      const started = await platforms();
      expect((await call(page(started), { from: '127.0.0.2' })).status).toBe(404);
      const before = await chaincodeProposals();
      // Ten readers, one request each: none is limited, and the ledger is read once at most.
      const readers = [];
      for (let i = 10; i < 20; i++)
        readers.push(await call(page(started), { from: `127.0.0.${i}` }));
      expect(readers.map((r) => r.status)).toEqual(Array(10).fill(404));
      expect((await chaincodeProposals()) - before).toBeLessThanOrEqual(1);
    });

    it('refuses one client past its limit on the verification page, and still serves the others', async () => {
      const started = await platforms();
      const a = '127.0.0.2';
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await call(page(started), { from: a }));
      // The first of the previous test counts: the third of these is the fourth request.
      expect(answers.map((r) => r.status)).toEqual([404, 404, 429]);
      expectRefusal(answers[2], 429);
      expect((await call(page(started), { from: '127.0.0.30' })).status).toBe(404);
    });

    it('names a bounded number of problems for an eBL issuance request with a hundred thousand errors', async () => {
      const started = await platforms();
      const request = issuanceRequest({
        reference: `HOST${randomBytes(4).toString('hex').toUpperCase()}`,
        isToOrder: false,
        carrierCode: started.carrierCode,
        platformCode: 'PJA',
        issueTo: 'shipper',
        issueToName: 'Jiangnan Soy Exporters',
      });
      const hostile = {
        ...request,
        document: {
          ...request.document,
          utilizedTransportEquipments: Array.from({ length: 20_000 }, () => ({
            cargoGrossWeight: 'heavy',
            isShipperOwned: 'yes',
            seals: 1,
            references: 2,
          })),
        },
      };
      const answer = await call(`${started.pja.url}/v3/ebl-issuance-requests`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${await started.carrierToken('PJA')}` },
        body: hostile,
      });
      expect(answer.status).toBe(400);
      const problem = json(answer) as { errors?: unknown[] };
      expect(problem.errors?.length ?? 0).toBeGreaterThan(0);
      expect(problem.errors?.length).toBeLessThanOrEqual(100);
    });
  });
});
