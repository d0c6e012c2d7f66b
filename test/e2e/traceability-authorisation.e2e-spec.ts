import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Principal, issueToken } from '@pujiang/auth';
import { Client } from 'pg';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import {
  farmToStoreDocument,
  supplyChainDocument,
} from '../../services/traceability/src/epcis/testing/supply-chain.fixture';
import { TEA_MASTER_DATA } from '../../services/traceability/src/epcis/testing/consumer-page.fixture';
import { startService } from '../support/running-service';
import { stackEnv } from '../support/stack-env';
import { ORG1_PACKER, stackToken } from '../support/stack-tokens';

/**
 * Every authenticated traceability route, called by every kind of caller
 * that must be refused: the exact status and problem, and nothing changed.
 * What an organisation without a grant sees of another's data is in
 * who-sees-what.e2e-spec.ts; here a caller is refused before any data.
 */

const TRACE_ROLES = ['trace:capture', 'trace:query', 'trace:trace', 'trace:share'];
type Caller = 'no token' | 'not a JWT' | 'expired' | 'stranger-signed' | 'wrong role';

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'OPTIONS' | 'DELETE';
  path: () => string;
  role: string;
  body?: () => unknown;
}

describe('authorisation matrix of the traceability service', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let database: Client;
  const tag = `mx${randomBytes(3).toString('hex')}`;
  const lot = `https://id.gs1.org/01/09520123456788/10/${tag}-P`;
  let eventID: string;
  let captureID: string;
  let grantId: string;
  const queryName = `mx-${tag}`;
  /** Set in beforeAll; a placeholder until then, for the route names. */
  let subscriptionID = 'subscription';

  const routes: Route[] = [
    { name: 'OPTIONS /capture', method: 'OPTIONS', path: () => '/capture', role: 'trace:capture' },
    {
      name: 'POST /capture',
      method: 'POST',
      path: () => '/capture',
      role: 'trace:capture',
      body: () => supplyChainDocument(`${tag}x`),
    },
    {
      name: 'GET /capture/{id}',
      method: 'GET',
      path: () => `/capture/${captureID}`,
      role: 'trace:capture',
    },
    {
      name: 'POST /events',
      method: 'POST',
      path: () => '/events',
      role: 'trace:capture',
      body: () => {
        const document = supplyChainDocument(`${tag}y`) as {
          epcisBody: { eventList: unknown[] };
        };
        return document.epcisBody.eventList[0];
      },
    },
    {
      name: 'GET /events',
      method: 'GET',
      path: () => `/events?MATCH_anyEPCClass=${encodeURIComponent(lot)}`,
      role: 'trace:query',
    },
    {
      name: 'GET /events/{eventID}',
      method: 'GET',
      path: () => `/events/${encodeURIComponent(eventID)}`,
      role: 'trace:query',
    },
    {
      name: 'GET /events/{eventID}/proof',
      method: 'GET',
      path: () => `/events/${encodeURIComponent(eventID)}/proof`,
      role: 'trace:query',
    },
    {
      name: 'GET /events/{eventID}/attestation',
      method: 'GET',
      path: () => `/events/${encodeURIComponent(eventID)}/attestation`,
      role: 'trace:query',
    },
    {
      name: 'GET /devices',
      method: 'GET',
      path: () => '/devices',
      role: 'trace:query',
    },
    {
      name: 'GET /trace',
      method: 'GET',
      path: () => `/trace?identifier=${encodeURIComponent(lot)}`,
      role: 'trace:trace',
    },
    {
      name: 'GET /recall',
      method: 'GET',
      path: () => `/recall?gtin=09520123456788&lot=${tag}-P`,
      role: 'trace:trace',
    },
    {
      name: 'GET /fsma-204',
      method: 'GET',
      path: () => `/fsma-204?gtin=09520123456788&lot=${tag}-P&from=2020-01-01&to=2030-01-01`,
      role: 'trace:trace',
    },
    {
      name: 'POST /grants',
      method: 'POST',
      path: () => '/grants',
      role: 'trace:share',
      body: () => ({ grantee: 'Org2MSP', scope: { kind: 'gtin', value: '09520123456788' } }),
    },
    {
      name: 'POST /masterData',
      method: 'POST',
      path: () => '/masterData',
      role: 'trace:capture',
      body: () => TEA_MASTER_DATA,
    },
    {
      name: 'GET /masterData',
      method: 'GET',
      path: () => `/masterData?id=${encodeURIComponent('urn:epc:id:sgln:4012345.00001.0')}`,
      role: 'trace:query',
    },
    { name: 'GET /grants', method: 'GET', path: () => '/grants', role: 'trace:share' },
    {
      name: 'GET /grants/{granter}/{id}',
      method: 'GET',
      path: () => `/grants/Org1MSP/${grantId}`,
      role: 'trace:share',
    },
    {
      name: 'DELETE /grants/{id}',
      method: 'DELETE',
      path: () => `/grants/${grantId}`,
      role: 'trace:share',
    },
    ...queryRoutes(),
  ];

  /** Named queries and their subscriptions (issue 18): the caller's party's own, trace:query. */
  function queryRoutes(): Route[] {
    const query = `/queries/${queryName}`;
    const subscription = () => `${query}/subscriptions/${subscriptionID}`;
    const route = (method: Route['method'], path: () => string, body?: () => unknown): Route => ({
      name: `${method} ${path().replace(queryName, '{name}').replace(subscriptionID, '{id}')}`,
      method,
      path,
      role: 'trace:query',
      ...(body === undefined ? {} : { body }),
    });
    return [
      route('OPTIONS', () => '/queries'),
      route('GET', () => '/queries'),
      route(
        'POST',
        () => '/queries',
        () => ({ name: `${queryName}x`, query: {} }),
      ),
      route('OPTIONS', () => query),
      route('GET', () => query),
      route('DELETE', () => query),
      route('OPTIONS', () => `${query}/events`),
      route('GET', () => `${query}/events`),
      route('OPTIONS', () => `${query}/subscriptions`),
      route('GET', () => `${query}/subscriptions`),
      route(
        'POST',
        () => `${query}/subscriptions`,
        () => ({
          dest: 'https://receiver.example/epcis',
          stream: true,
        }),
      ),
      route('OPTIONS', subscription),
      route('GET', subscription),
      route('DELETE', subscription),
    ];
  }

  const authorization = async (caller: Caller, route: Route): Promise<string | undefined> => {
    const env = stackEnv();
    const claims: Principal = { ...ORG1_PACKER };
    switch (caller) {
      case 'no token':
        return undefined;
      case 'not a JWT':
        return 'Bearer not-a-jwt';
      case 'expired':
        return `Bearer ${await stackToken(claims, -60)}`;
      case 'stranger-signed': {
        const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
        const token = await issueToken(stranger, {
          ...claims,
          issuer: env.AUTH_JWT_ISSUER ?? '',
          audience: env.AUTH_JWT_AUDIENCE ?? '',
          ttl: 600,
        });
        return `Bearer ${token}`;
      }
      case 'wrong role':
        return `Bearer ${await stackToken({ ...claims, roles: TRACE_ROLES.filter((r) => r !== route.role) })}`;
    }
  };

  const expected: Record<Caller, { status: number; detail: RegExp }> = {
    'no token': { status: 401, detail: /^a bearer token is required$/ },
    'not a JWT': { status: 401, detail: /^bearer token refused \(ERR_JWS_INVALID\)$/ },
    expired: { status: 401, detail: /^bearer token refused \(ERR_JWT_EXPIRED\)$/ },
    'stranger-signed': {
      status: 401,
      detail: /^bearer token refused \(ERR_JWS_SIGNATURE_VERIFICATION_FAILED\)$/,
    },
    'wrong role': { status: 403, detail: /^this action needs one of the roles: trace:/ },
  };

  const counts = async () =>
    (
      await database.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM epcis_event) AS events,
                (SELECT count(*) FROM capture_job) AS jobs,
                (SELECT count(*) FROM access_grant) AS grants,
                (SELECT count(*) FROM access_grant WHERE revoked_at IS NOT NULL) AS revoked,
                (SELECT count(*) FROM epcis_named_query) AS queries,
                (SELECT count(*) FROM epcis_subscription) AS subscriptions,
                (SELECT max(updated_at) FROM master_data_element) AS "masterData"`,
      )
    ).rows[0];

  beforeAll(async () => {
    traceability = await startService('traceability', TraceabilityApp);
    database = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
    await database.connect();
    const packer = { authorization: `Bearer ${await stackToken(ORG1_PACKER)}` };
    const captured = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(supplyChainDocument(tag)),
    });
    expect(captured.status).toBe(202);
    captureID = ((await captured.json()) as { captureID: string }).captureID;
    const rows = await database.query<{ event_id: string }>(
      `SELECT event_id FROM epcis_event WHERE capture_id = $1 LIMIT 1`,
      [captureID],
    );
    eventID = rows.rows[0]?.event_id ?? '';
    const granted = await fetch(`${traceability.url}/grants`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/json' },
      body: JSON.stringify({
        grantee: 'Org2MSP',
        scope: { kind: 'lot', value: '09520123456788', lot: `${tag}-P` },
      }),
    });
    expect(granted.status).toBe(201);
    grantId = ((await granted.json()) as { grantId: string }).grantId;
    // A query that matches nothing, so its subscription never calls its (unreachable) dest.
    const named = await fetch(`${traceability.url}/queries`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: queryName, query: { EQ_eventID: [`urn:uuid:${tag}`] } }),
    });
    expect(named.status).toBe(201);
    const subscribed = await fetch(`${traceability.url}/queries/${queryName}/subscriptions`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/json' },
      body: JSON.stringify({ dest: 'https://receiver.example/epcis', stream: true }),
    });
    expect(subscribed.status).toBe(201);
    subscriptionID = ((await subscribed.json()) as { subscriptionID: string }).subscriptionID;
  });

  afterAll(async () => {
    await database?.end();
    await traceability?.app.close();
  });

  const cases = routes.flatMap((route) =>
    (Object.keys(expected) as Caller[]).map((caller) => ({
      name: `${route.name} by ${caller}`,
      route,
      caller,
    })),
  );

  it.each(cases)('$name is refused and changes nothing', async ({ route, caller }) => {
    const before = await counts();
    const token = await authorization(caller, route);
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = token;
    if (route.body !== undefined) {
      headers['content-type'] = /^\/(grants|queries)/.test(route.path())
        ? 'application/json'
        : 'application/ld+json';
    }
    const res = await fetch(`${traceability.url}${route.path()}`, {
      method: route.method,
      headers,
      body: route.body === undefined ? undefined : JSON.stringify(route.body()),
    });

    const want = expected[caller];
    expect(res.status).toBe(want.status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { status: number; detail: string };
    expect(problem.status).toBe(want.status);
    expect(problem.detail).toMatch(want.detail);
    expect(await counts()).toEqual(before);
  });

  describe('another organisation reading Org1 data: not granted, granted, revoked, expired', () => {
    const ORG2: Principal = { organisation: 'Org2MSP', party: 'retailer', roles: TRACE_ROLES };
    // A chain of its own (its own pallet too), so no walk reaches another test's events.
    const tag2 = randomBytes(3).toString('hex');
    const lot2 = () => `${tag2}-P`;
    const lotUri = () => `https://id.gs1.org/01/09520123456788/10/${lot2()}`;
    let namingLot: string;

    /** What each read route shows Org2 of the lot: counts and statuses, nothing else. */
    const whatOrg2Sees = async () => {
      const headers = { authorization: `Bearer ${await stackToken(ORG2)}` };
      const get = (path: string) => fetch(`${traceability.url}${path}`, { headers });
      const events = (await (
        await get(`/events?MATCH_anyEPCClass=${encodeURIComponent(lotUri())}`)
      ).json()) as { epcisBody: { queryResults: { resultsBody: { eventList: unknown[] } } } };
      const trace = (await (
        await get(`/trace?identifier=${encodeURIComponent(lotUri())}`)
      ).json()) as {
        edges: unknown[];
        redacted: unknown[];
      };
      const recall = (await (await get(`/recall?gtin=09520123456788&lot=${lot2()}`)).json()) as {
        eventCount: number;
        redactedSteps: unknown[];
      };
      const fsma = await (
        await get(`/fsma-204?gtin=09520123456788&lot=${lot2()}&from=2020-01-01&to=2030-01-01`)
      ).text();
      return {
        events: events.epcisBody.queryResults.resultsBody.eventList.length,
        event: (await get(`/events/${encodeURIComponent(namingLot)}`)).status,
        proof: (await get(`/events/${encodeURIComponent(namingLot)}/proof`)).status,
        attestation: (await get(`/events/${encodeURIComponent(namingLot)}/attestation`)).status,
        traceShown: trace.edges.length,
        traceRedacted: trace.redacted.length,
        recallShown: recall.eventCount - recall.redactedSteps.length,
        fsmaRows: fsma.trim().split('\n').length - 1,
      };
    };
    const nothing = {
      events: 0,
      event: 404,
      proof: 404,
      attestation: 404,
      traceShown: 0,
      traceRedacted: expect.any(Number),
      recallShown: 0,
      fsmaRows: 0,
    };
    const grantLot = async (expiresAt?: string) => {
      const res = await fetch(`${traceability.url}/grants`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await stackToken(ORG1_PACKER)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          grantee: 'Org2MSP',
          scope: { kind: 'lot', value: '09520123456788', lot: lot2() },
          ...(expiresAt === undefined ? {} : { expiresAt }),
        }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { grantId: string }).grantId;
    };
    const seesTheLot = async () => {
      const seen = await whatOrg2Sees();
      expect(seen).toMatchObject({ event: 200, proof: 200, attestation: 200 });
      expect(seen.events).toBeGreaterThan(0);
      expect(seen.traceShown).toBeGreaterThan(0);
      expect(seen.fsmaRows).toBeGreaterThan(0);
    };

    beforeAll(async () => {
      const res = await fetch(`${traceability.url}/capture`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await stackToken(ORG1_PACKER)}`,
          'content-type': 'application/ld+json',
        },
        body: JSON.stringify(farmToStoreDocument(tag2)),
      });
      expect(res.status).toBe(202);
      const rows = await database.query<{ event_id: string }>(
        `SELECT e.event_id FROM epcis_event e JOIN epcis_event_identifier i ON i.event_seq = e.seq
          WHERE i.identifier = $1 LIMIT 1`,
        [lotUri()],
      );
      namingLot = rows.rows[0]?.event_id ?? '';
      expect(namingLot).not.toBe('');
    });

    it("Org2 cannot read Org1's capture job nor revoke Org1's grant, and changes nothing", async () => {
      const before = await counts();
      const headers = { authorization: `Bearer ${await stackToken(ORG2)}` };
      const job = await fetch(`${traceability.url}/capture/${captureID}`, { headers });
      expect(job.status).toBe(404);
      const revoke = await fetch(`${traceability.url}/grants/${grantId}`, {
        method: 'DELETE',
        headers,
      });
      expect(revoke.status).toBe(404);
      expect(revoke.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // The grantee may read the grant it received.
      const received = await fetch(`${traceability.url}/grants/Org1MSP/${grantId}`, { headers });
      expect(received.status).toBe(200);
      expect(await counts()).toEqual(before);
    });

    it('not granted: no route shows Org2 any of it, trace and recall show the steps redacted', async () => {
      const seen = await whatOrg2Sees();
      expect(seen).toEqual(nothing);
      expect(seen.traceRedacted).toBeGreaterThan(0);
    });

    it('granted the lot: every read route shows it; revoked: none does', async () => {
      const grantId = await grantLot();
      await seesTheLot();
      const revoked = await fetch(`${traceability.url}/grants/${grantId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${await stackToken(ORG1_PACKER)}` },
      });
      expect(revoked.status).toBe(200);
      expect(await whatOrg2Sees()).toEqual(nothing);
    });

    it('granted until a time: shown before it, not after', async () => {
      const until = new Date(Date.now() + 6_000);
      await grantLot(until.toISOString());
      await seesTheLot();
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, until.getTime() - Date.now() + 500)),
      );
      expect(await whatOrg2Sees()).toEqual(nothing);
    });
  });

  it('lets the right caller through on every route (the matrix refuses identities, not routes)', async () => {
    const packer = `Bearer ${await stackToken(ORG1_PACKER)}`;
    // Reads only: a write by the right caller would change what the next test counts.
    for (const route of routes.filter((r) => r.method === 'GET' || r.method === 'OPTIONS')) {
      const res = await fetch(`${traceability.url}${route.path()}`, {
        method: route.method,
        headers: { authorization: packer },
      });
      expect([200, 204]).toContain(res.status);
    }
  });
});
