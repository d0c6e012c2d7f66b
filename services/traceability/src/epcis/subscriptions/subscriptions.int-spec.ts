import { randomBytes, randomUUID } from 'node:crypto';
import { Server, createServer, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Principal } from '@pujiang/auth';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import { sleep } from '../../../../../test/support/sleep';
import { stackEnv } from '../../../../../test/support/stack-env';
import { ORG1_PACKER, bearer } from '../../../../../test/support/stack-tokens';
import { startTraceabilityWithoutLedger } from '../../../../../test/support/traceability-without-ledger';
import { verifyDeliverySignature } from './domain/gs1-signature';

/**
 * Named queries and their subscriptions on the real PostgreSQL and Kafka:
 * a real HTTP receiver (node:http) and a real WebSocket client (ws). What
 * is delivered is counted by delivery id and by event, across a restart of
 * the service and a receiver that fails for a while.
 */

const RUN = randomBytes(3).toString('hex');
const TOKEN = `token-${randomBytes(16).toString('hex')}`;
const ORG1_RETAILER: Principal = {
  organisation: 'Org1MSP',
  party: 'retailer',
  roles: ['trace:query'],
};
const ORG2_GROWER: Principal = {
  organisation: 'Org2MSP',
  party: 'grower',
  roles: ['trace:capture', 'trace:query'],
};

/** Every request a webhook receiver got: what it said, whether it was signed right, what it answered. */
interface Received {
  deliveryId: string;
  eventIDs: string[];
  subscriptionID: string;
  signatureValid: boolean;
  accepted: boolean;
}

class Receiver {
  readonly received: Received[] = [];
  failing = false;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const document = JSON.parse(body) as {
          id: string;
          epcisBody: {
            queryResults: {
              subscriptionID: string;
              resultsBody: { eventList: { eventID: string }[] };
            };
          };
        };
        const header = request.headers['gs1-signature'];
        this.received.push({
          deliveryId: document.id,
          eventIDs: document.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID),
          subscriptionID: document.epcisBody.queryResults.subscriptionID,
          signatureValid: verifyDeliverySignature(
            body,
            TOKEN,
            typeof header === 'string' ? header : undefined,
          ),
          accepted: !this.failing,
        });
        response.writeHead(this.failing ? 503 : 204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/epcis-callback`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The events acknowledged, each once, whatever the repeats. */
  acceptedEventIDs(): Set<string> {
    return new Set(this.received.filter((r) => r.accepted).flatMap((r) => r.eventIDs));
  }
}

/** An ObjectEvent read at this run's own read point, so runs sharing a database never meet. */
function observation(readPoint: string, index: number) {
  return {
    type: 'ObjectEvent',
    eventID: `urn:uuid:${randomUUID()}`,
    eventTime: `2026-11-20T08:${String(index % 60).padStart(2, '0')}:00.000+01:00`,
    eventTimeZoneOffset: '+01:00',
    action: 'OBSERVE',
    bizStep: 'shipping',
    epcList: [`urn:epc:id:sgtin:952012.0345678.${RUN}${index}`],
    readPoint: { id: readPoint },
  };
}

function document(events: Record<string, unknown>[]) {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-20T09:00:00.000+01:00',
    epcisBody: { eventList: events },
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('named queries and subscriptions (real PostgreSQL, Kafka, HTTP receiver and WebSocket client)', () => {
  let service: { app: NestFastifyApplication; url: string };
  let db: Client;
  let packer: { authorization: string };
  let retailer: { authorization: string };
  let grower: { authorization: string };
  let counter = 0;
  const readPoint = (label: string) => `urn:epc:id:sgln:952012.345679.${RUN}${label}`;

  const start = async () => {
    Object.assign(process.env, {
      SUBSCRIPTION_ALLOW_INTERNAL_DESTINATIONS: 'true',
      SUBSCRIPTION_RETRY_INITIAL_MS: '200',
      SUBSCRIPTION_RETRY_MAX_MS: '1000',
      SUBSCRIPTION_POLL_MS: '50',
    });
    service = await startTraceabilityWithoutLedger();
  };
  const call = async (
    method: string,
    path: string,
    who: { authorization: string } | Record<string, never>,
    body?: unknown,
  ) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: { ...who, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const capture = async (label: string, count: number) => {
    const events = Array.from({ length: count }, () => observation(readPoint(label), counter++));
    const res = await fetch(`${service.url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(document(events)),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ success: true, capturedCount: count });
    return events.map((event) => event.eventID);
  };
  const nameQuery = async (who: { authorization: string }, name: string, label: string) => {
    const res = await call('POST', '/queries', who, {
      name,
      query: { EQ_readPoint: [readPoint(label)], eventType: ['ObjectEvent'] },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/queries/${name}`);
  };
  const counts = async () =>
    (
      await db.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM epcis_named_query) AS queries,
                (SELECT count(*) FROM epcis_subscription) AS subscriptions`,
      )
    ).rows[0];

  beforeAll(async () => {
    packer = await bearer(ORG1_PACKER);
    retailer = await bearer(ORG1_RETAILER);
    grower = await bearer(ORG2_GROWER);
    db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
    await db.connect();
    await start();
  });

  afterAll(async () => {
    await db?.end();
    await service?.app.close();
  });

  it('names a query, lists, gets, runs and deletes it, for its own party only', async () => {
    const name = `onhand-${RUN}`;
    await nameQuery(packer, name, 'crud');
    const eventIDs = await capture('crud', 3);
    await capture('other', 1);

    const again = await call('POST', '/queries', packer, { name, query: {} });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const got = await call('GET', `/queries/${name}`, packer);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual({
      name,
      query: { EQ_readPoint: [readPoint('crud')], eventType: ['ObjectEvent'] },
    });
    const listed = (await (await call('GET', '/queries?perPage=1000', packer)).json()) as {
      name: string;
    }[];
    expect(listed.map((q) => q.name)).toContain(name);

    const run = await call('GET', `/queries/${name}/events?perPage=2`, packer);
    expect(run.status).toBe(200);
    expect(run.headers.get('link')).toMatch(/nextPageToken=/);
    const page = (await run.json()) as {
      epcisBody: {
        queryResults: { queryName: string; resultsBody: { eventList: { eventID: string }[] } };
      };
    };
    expect(page.epcisBody.queryResults.queryName).toBe(name);
    const next = /<([^>]+)>/.exec(run.headers.get('link') ?? '')?.[1] ?? '';
    const rest = (await (await call('GET', next, packer)).json()) as typeof page;
    expect(
      [
        ...page.epcisBody.queryResults.resultsBody.eventList,
        ...rest.epcisBody.queryResults.resultsBody.eventList,
      ]
        .map((e) => e.eventID)
        .sort(),
    ).toEqual([...eventIDs].sort());

    const options = await call('OPTIONS', `/queries/${name}`, packer);
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('OPTIONS, GET, DELETE');

    // Another party of the same organisation, and another organisation: not there at all.
    for (const stranger of [retailer, grower]) {
      for (const [method, path] of [
        ['GET', `/queries/${name}`],
        ['GET', `/queries/${name}/events`],
        ['DELETE', `/queries/${name}`],
        ['GET', `/queries/${name}/subscriptions`],
      ] as const) {
        const res = await call(method, path, stranger);
        expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      }
      const theirs = (await (await call('GET', '/queries?perPage=1000', stranger)).json()) as {
        name: string;
      }[];
      expect(theirs.map((q) => q.name)).not.toContain(name);
    }

    expect((await call('DELETE', `/queries/${name}`, packer)).status).toBe(204);
    expect((await call('GET', `/queries/${name}`, packer)).status).toBe(404);
  });

  it('refuses a bad query or subscription with problem+json and stores nothing', async () => {
    const name = `bad-${RUN}`;
    const before = await counts();
    for (const body of [
      { name, query: { EQ_colour: ['red'] } },
      { name, query: { GE_eventTime: 'yesterday' } },
      { name, query: { nextPageToken: 'abc' } },
      { name: 'has space', query: {} },
      { name, query: { eventType: [1] } },
      { name, query: {}, extra: true },
      [],
    ]) {
      const res = await call('POST', '/queries', packer, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(await counts()).toEqual(before);
    // A page token this listing never gave (it decodes to no query name) is refused, not a 500.
    const forged = await call(
      'GET',
      '/queries?nextPageToken=3A15506738749783AU6D7DENAKwM2gQ',
      packer,
    );
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { type: string }).type).toBe(
      'epcisException:QueryParameterException',
    );

    await nameQuery(packer, name, 'bad');
    const withQuery = await counts();
    for (const body of [
      { dest: 'ftp://example.com/x', stream: true },
      { dest: 'https://user:pw@example.com/x', stream: true },
      { dest: 'not a url', stream: true },
      { dest: 'https://example.com/x' },
      { dest: 'https://example.com/x', stream: true, signatureToken: 'short' },
      { dest: 'https://example.com/x', schedule: { hour: '1', minute: '5' }, stream: true },
      { dest: 'https://example.com/x', schedule: { hour: '24' } },
      { dest: 'https://example.com/x', schedule: {} },
      { dest: 'https://example.com/x', stream: true, reportIfEmpty: true },
      { dest: 'https://example.com/x', stream: true, initialRecordTime: 'soon' },
    ]) {
      const res = await call('POST', `/queries/${name}/subscriptions`, packer, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(((await res.json()) as { type: string }).type).toBe(
        'epcisException:SubscriptionControlsException',
      );
    }
    expect(await counts()).toEqual(withQuery);
    const runWithStream = await call('GET', `/queries/${name}/events?stream=true`, packer);
    expect(runWithStream.status).toBe(400);
    await call('DELETE', `/queries/${name}`, packer);
  });

  it('delivers every matching event by webhook, signed, across a restart and a failing receiver, none missing', async () => {
    const receiver = new Receiver();
    const stranger = new Receiver();
    await receiver.start();
    await stranger.start();
    try {
      const name = `restart-${RUN}`;
      await nameQuery(packer, name, 'restart');
      const created = await call('POST', `/queries/${name}/subscriptions`, packer, {
        dest: receiver.url,
        signatureToken: TOKEN,
        stream: true,
      });
      expect(created.status).toBe(201);
      const subscription = (await created.json()) as Record<string, unknown>;
      expect(subscription).not.toHaveProperty('signatureToken');
      expect(created.headers.get('location')).toBe(
        `/queries/${name}/subscriptions/${String(subscription.subscriptionID)}`,
      );
      // Org2 subscribes to the same read point: it may see none of Org1's events.
      await nameQuery(grower, name, 'restart');
      const theirs = await call('POST', `/queries/${name}/subscriptions`, grower, {
        dest: stranger.url,
        signatureToken: TOKEN,
        stream: true,
      });
      expect(theirs.status).toBe(201);

      // Captured, then the service stops at once: matching and delivery happen after the restart.
      receiver.failing = true;
      const first = await capture('restart', 5);
      await service.app.close();
      await start();
      // The receiver fails for a while: each delivery is retried, with back-off.
      await until(() => receiver.received.length >= 8, 60_000, 'failed attempts');
      receiver.failing = false;
      const second = await capture('restart', 5);
      // And a second restart while deliveries may be in flight.
      await service.app.close();
      await start();
      const expected = new Set([...first, ...second]);
      await until(
        () => receiver.acceptedEventIDs().size >= expected.size,
        90_000,
        'all deliveries',
      );
      await sleep(1_500);

      const accepted = receiver.received.filter((r) => r.accepted);
      const byDelivery = new Map<string, string[]>();
      for (const r of receiver.received) byDelivery.set(r.deliveryId, r.eventIDs);
      expect(receiver.acceptedEventIDs()).toEqual(expected);
      expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
      expect(receiver.received.every((r) => r.subscriptionID === subscription.subscriptionID)).toBe(
        true,
      );
      // One event per delivery id, one delivery id per event: repeats share the id.
      expect([...byDelivery.values()].every((ids) => ids.length === 1)).toBe(true);
      expect(new Set([...byDelivery.values()].flat()).size).toBe(byDelivery.size);
      expect(byDelivery.size).toBe(expected.size);
      const retried =
        receiver.received.length - new Set(receiver.received.map((r) => r.deliveryId)).size;
      expect(retried).toBeGreaterThan(0);
      // At-least-once: a repeat of an acknowledged delivery is allowed, and counted.
      const repeats = accepted.length - new Set(accepted.map((r) => r.deliveryId)).size;
      console.info(
        `deliveries: ${byDelivery.size} ids, ${receiver.received.length} requests, ` +
          `${retried} retries, ${repeats} repeats after acknowledgement`,
      );
      const { rows } = await db.query<{ owed: string; delivered: string }>(
        `SELECT count(*) FILTER (WHERE delivered_at IS NULL) AS owed,
                count(*) FILTER (WHERE delivered_at IS NOT NULL) AS delivered
           FROM epcis_subscription_delivery WHERE subscription_id = $1`,
        [subscription.subscriptionID],
      );
      expect(rows[0]).toEqual({ owed: '0', delivered: String(expected.size) });
      expect(stranger.received).toEqual([]);
      const strangerRun = (await (await call('GET', `/queries/${name}/events`, grower)).json()) as {
        epcisBody: { queryResults: { resultsBody: { eventList: unknown[] } } };
      };
      expect(strangerRun.epcisBody.queryResults.resultsBody.eventList).toEqual([]);

      const shown = (await (
        await call(
          'GET',
          `/queries/${name}/subscriptions/${String(subscription.subscriptionID)}`,
          packer,
        )
      ).json()) as Record<string, unknown>;
      expect(shown).toMatchObject({
        subscriptionID: subscription.subscriptionID,
        dest: receiver.url,
        stream: true,
      });
      expect(typeof shown.lastNotifiedAt).toBe('string');
      const gone = await call(
        'DELETE',
        `/queries/${name}/subscriptions/${String(subscription.subscriptionID)}`,
        packer,
      );
      expect(gone.status).toBe(204);
      await call('DELETE', `/queries/${name}`, packer);
      await call('DELETE', `/queries/${name}`, grower);
    } finally {
      await receiver.stop();
      await stranger.stop();
    }
  });

  it('runs a scheduled subscription: each run sends what was recorded since the last, across a restart, none twice, older events replayed', async () => {
    const receiver = new Receiver();
    await receiver.start();
    try {
      const name = `schedule-${RUN}`;
      await nameQuery(packer, name, 'schedule');
      // Recorded before the subscription: replayed because initialRecordTime is earlier.
      const replayFrom = new Date(Date.now() - 1_000).toISOString();
      const older = await capture('schedule', 2);
      receiver.failing = true;
      const created = await call('POST', `/queries/${name}/subscriptions`, packer, {
        dest: receiver.url,
        signatureToken: TOKEN,
        initialRecordTime: replayFrom,
        // Every other second.
        schedule: { second: Array.from({ length: 30 }, (_, i) => String(i * 2)).join(',') },
      });
      expect(created.status).toBe(201);
      const subscription = (await created.json()) as Record<string, unknown>;
      expect(subscription).toMatchObject({ reportIfEmpty: false, schedule: expect.any(Object) });
      expect(subscription).not.toHaveProperty('stream');
      // The first run fails for a while: it is retried whole, under the same delivery id.
      await until(() => receiver.received.length >= 3, 30_000, 'failed attempts of a run');
      receiver.failing = false;
      const first = await capture('schedule', 3);
      await until(
        () => [...older, ...first].every((id) => receiver.acceptedEventIDs().has(id)),
        30_000,
        'the first runs',
      );
      // Captured, then the service stops at once: the run that takes them is cut after the restart.
      const second = await capture('schedule', 3);
      await service.app.close();
      await start();
      const expected = new Set([...older, ...first, ...second]);
      await until(() => receiver.acceptedEventIDs().size >= expected.size, 60_000, 'all runs');
      await sleep(3_000);

      expect(receiver.acceptedEventIDs()).toEqual(expected);
      expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
      expect(receiver.received.every((r) => r.subscriptionID === subscription.subscriptionID)).toBe(
        true,
      );
      // A run is one delivery id with one content, whatever its attempts; no event in two runs.
      const runs = new Map<string, string[]>();
      for (const r of receiver.received) {
        const seen = runs.get(r.deliveryId);
        if (seen !== undefined) expect(r.eventIDs).toEqual(seen);
        runs.set(r.deliveryId, r.eventIDs);
      }
      const delivered = [...runs.values()].flat();
      expect(delivered).toHaveLength(expected.size);
      expect(new Set(delivered)).toEqual(expected);
      expect(runs.size).toBeGreaterThanOrEqual(3);
      expect([...runs.values()].every((ids) => ids.length > 0)).toBe(true);
      console.info(
        `scheduled runs: ${runs.size} runs, ${receiver.received.length} requests for ${expected.size} events`,
      );
      const { rows } = await db.query<{ owed: string; runs: string; unclaimed: string }>(
        `SELECT (SELECT count(*) FROM epcis_subscription_delivery
                  WHERE subscription_id = $1 AND delivered_at IS NULL) AS owed,
                (SELECT count(*) FROM epcis_subscription_delivery
                  WHERE subscription_id = $1 AND run_at IS NOT NULL) AS runs,
                (SELECT count(*) FROM epcis_subscription_match
                  WHERE subscription_id = $1 AND run_id IS NULL) AS unclaimed`,
        [subscription.subscriptionID],
      );
      expect(rows[0]).toEqual({ owed: '0', runs: String(runs.size), unclaimed: '0' });
      await call('DELETE', `/queries/${name}`, packer);
    } finally {
      await receiver.stop();
    }
  });

  it('reports empty runs when asked, by webhook and WebSocket, and replays a stream from initialRecordTime', async () => {
    const receiver = new Receiver();
    await receiver.start();
    try {
      const name = `empty-${RUN}`;
      await nameQuery(packer, name, 'empty');
      const created = await call('POST', `/queries/${name}/subscriptions`, packer, {
        dest: receiver.url,
        signatureToken: TOKEN,
        reportIfEmpty: true,
        schedule: { second: '[0-59]' },
      });
      expect(created.status).toBe(201);
      const wsUrl = `${service.url.replace(/^http/, 'ws')}/queries/${name}/events?second=[0-59]&reportIfEmpty=true`;
      const socket = new WebSocket(wsUrl, { headers: packer });
      const messages: {
        id: string;
        epcisBody: { queryResults: { resultsBody: { eventList: unknown[] } } };
      }[] = [];
      socket.on('message', (data: Buffer) =>
        messages.push(JSON.parse(data.toString('utf8')) as (typeof messages)[number]),
      );
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      await until(
        () => receiver.received.length >= 2 && messages.length >= 2,
        30_000,
        'empty reports',
      );
      socket.close();
      expect(receiver.received.every((r) => r.eventIDs.length === 0)).toBe(true);
      expect(new Set(receiver.received.map((r) => r.deliveryId)).size).toBe(
        receiver.received.length,
      );
      expect(
        messages.every((m) => m.epcisBody.queryResults.resultsBody.eventList.length === 0),
      ).toBe(true);
      await call('DELETE', `/queries/${name}`, packer);

      // A stream whose initialRecordTime is in the past is sent what was recorded since then.
      const streamed = `replay-${RUN}`;
      await nameQuery(packer, streamed, 'replay');
      const from = new Date(Date.now() - 1_000).toISOString();
      const older = await capture('replay', 2);
      const replayReceiver = new Receiver();
      await replayReceiver.start();
      try {
        const replaying = await call('POST', `/queries/${streamed}/subscriptions`, packer, {
          dest: replayReceiver.url,
          signatureToken: TOKEN,
          stream: true,
          initialRecordTime: from,
        });
        expect(replaying.status).toBe(201);
        // Without initialRecordTime, a subscription starts now: the older events are not sent.
        const fromNow = new Receiver();
        await fromNow.start();
        try {
          await call('POST', `/queries/${streamed}/subscriptions`, packer, {
            dest: fromNow.url,
            stream: true,
          });
          const later = await capture('replay', 1);
          await until(
            () => replayReceiver.acceptedEventIDs().size >= 3 && fromNow.received.length >= 1,
            30_000,
            'the replay',
          );
          await sleep(1_000);
          expect(replayReceiver.acceptedEventIDs()).toEqual(new Set([...older, ...later]));
          expect(fromNow.acceptedEventIDs()).toEqual(new Set(later));
        } finally {
          await fromNow.stop();
        }
      } finally {
        await replayReceiver.stop();
      }
      await call('DELETE', `/queries/${streamed}`, packer);
    } finally {
      await receiver.stop();
    }
  });

  it('streams matching events to a WebSocket client, and refuses a handshake it may not have', async () => {
    const name = `live-${RUN}`;
    await nameQuery(packer, name, 'live');
    const wsUrl = `${service.url.replace(/^http/, 'ws')}/queries/${name}/events?stream=true`;

    const refused = (headers: Record<string, string>, url = wsUrl) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(url, { headers });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('open', () => reject(new Error('the handshake should have been refused')));
        socket.on('error', () => undefined);
      });
    expect(await refused({})).toBe(401);
    expect(await refused(grower)).toBe(404);
    expect(await refused(packer, wsUrl.replace('stream=true', 'stream=false'))).toBe(400);
    expect(await refused(packer, `${wsUrl}&hour=1`)).toBe(400);
    expect(await refused(packer, wsUrl.replace('stream=true', 'hour=25'))).toBe(400);
    // A handshake ws itself refuses (here: no Sec-WebSocket-Key) is a problem like the others,
    // and leaves no subscription behind (the listing below finds exactly one).
    const keyless = await new Promise<{ status: number; type: string; body: string }>(
      (resolve, reject) => {
        const handshake = httpRequest(wsUrl.replace(/^ws/, 'http'), {
          headers: { ...packer, connection: 'Upgrade', upgrade: 'websocket' },
        });
        handshake.on('response', (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              type: response.headers['content-type'] ?? '',
              body,
            }),
          );
        });
        handshake.on('upgrade', () => reject(new Error('the handshake should have been refused')));
        handshake.on('error', reject);
        handshake.end();
      },
    );
    expect(keyless.status).toBe(400);
    expect(keyless.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(keyless.body)).toMatchObject({
      type: 'epcisException:SubscriptionControlsException',
      status: 400,
      correlationId: expect.any(String),
    });

    const socket = new WebSocket(wsUrl, { headers: packer });
    const messages: {
      id: string;
      epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
    }[] = [];
    socket.on('message', (data: Buffer) =>
      messages.push(JSON.parse(data.toString('utf8')) as (typeof messages)[number]),
    );
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const listed = (await (
      await call('GET', `/queries/${name}/subscriptions`, packer)
    ).json()) as unknown[];
    expect(listed).toHaveLength(1);

    const eventIDs = await capture('live', 4);
    await capture('not-live', 2);
    await until(() => messages.length >= 4, 60_000, 'WebSocket deliveries');
    await sleep(1_000);
    const received = messages.flatMap((m) =>
      m.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID),
    );
    expect(new Set(received)).toEqual(new Set(eventIDs));
    // An open socket takes each delivery at the first attempt: no repeats.
    expect(messages.map((m) => m.id)).toHaveLength(eventIDs.length);
    expect(new Set(messages.map((m) => m.id)).size).toBe(eventIDs.length);

    socket.close();
    await until(
      async () =>
        ((await (await call('GET', `/queries/${name}/subscriptions`, packer)).json()) as unknown[])
          .length === 0,
      10_000,
      'the closed stream to end its subscription',
    );
    await call('DELETE', `/queries/${name}`, packer);
  });
});
