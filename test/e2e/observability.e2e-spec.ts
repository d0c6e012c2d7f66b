import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, listen } from '@pujiang/http';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { AppModule as VesselsApp } from '../../services/vessels/src/app.module';
import { supplyChainDocument } from '../../services/traceability/src/epcis/testing/supply-chain.fixture';
import { startInsurers } from '../support/claims-insurers';
import { EblWorld, freePort, startEblWorld } from '../support/ebl-platforms';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { serviceEnv } from '../support/stack-env';
import { ORG1_PACKER, bearer } from '../support/stack-tokens';

interface Running {
  app: NestFastifyApplication;
  url: string;
}

/** The sum of every series of `name` whose labels include each of `labels`. */
function total(exposition: string, name: string, labels: string[] = []): number | undefined {
  const values = exposition
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => labels.every((label) => line.includes(label)))
    .map((line) => Number(line.split(' ').at(-1)));
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0);
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>
  >;
}

/** The routes whose success answer each service's OpenAPI document must describe. */
const SUCCESS_SCHEMAS: Record<string, [string, string, string][]> = {
  traceability: [
    ['/capture', 'post', '202'],
    ['/capture/{captureID}', 'get', '200'],
    ['/events/{eventID}/proof', 'get', '200'],
    ['/health/ready', 'get', '200'],
  ],
  ledger: [['/health/ready', 'get', '200']],
  ebl: [
    ['/transport-documents/{reference}', 'get', '200'],
    ['/transport-documents/{reference}/actions', 'post', '200'],
  ],
  claims: [['/health/ready', 'get', '200']],
};

/** The JSON schema of a route's success answer, the path matched by its end (ebl has a prefix). */
function successSchema(document: OpenApi, path: string, method: string, status: string) {
  const key = Object.keys(document.paths).find((candidate) => candidate.endsWith(path));
  const content = document.paths[key ?? '']?.[method]?.responses[status]?.content;
  return content?.['application/json']?.schema;
}

const scrape = async (service: Running): Promise<string> => {
  const response = await fetch(`${service.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
};

/**
 * What an operator relies on, on every service of the real stack: the
 * probes, the metrics, and the API and message descriptions; and the
 * readiness split that keeps traceability serving while Fabric is down.
 */
describe('every service can be operated: probes, metrics, descriptions', () => {
  let traceability: Running;
  let ledger: Running;
  let ebl: EblWorld;
  let insurers: Awaited<ReturnType<typeof startInsurers>>;
  let vessels: Running;
  let services: [string, Running][];

  beforeAll(async () => {
    ledger = await startService('ledger', LedgerApp);
    traceability = await startService('traceability', TraceabilityApp);
    ebl = await startEblWorld('http://127.0.0.1:1');
    insurers = await startInsurers(traceability.url);
    vessels = await startService('vessels', VesselsApp);
    services = [
      ['traceability', traceability],
      ['ledger', ledger],
      ['ebl', ebl.pja],
      ['claims', insurers.org1],
      ['vessels', vessels],
    ];
  });

  afterAll(async () => {
    await vessels?.app.close();
    await insurers?.stop();
    await ebl?.stop();
    await traceability?.app.close();
    await ledger?.app.close();
  });

  it('answers /health/live, /health/ready, /metrics, /docs, /openapi.json and /asyncapi.json on every service', async () => {
    for (const [name, service] of services) {
      const get = (path: string) => fetch(`${service.url}${path}`);
      const live = await get('/health/live');
      const ready = await get('/health/ready');
      const metrics = await get('/metrics');
      const docs = await get('/docs');
      const bundle = await get('/docs/swagger-ui-bundle.js');
      const openapi = await get('/openapi.json');
      const asyncapi = await get('/asyncapi.json');

      expect([name, live.status, await live.json()]).toEqual([
        name,
        200,
        expect.objectContaining({ status: 'ok', info: {} }),
      ]);
      expect([name, ready.status]).toEqual([name, 200]);
      expect([name, metrics.status, metrics.headers.get('content-type')]).toEqual([
        name,
        200,
        expect.stringContaining('text/plain'),
      ]);
      expect(await metrics.text()).toContain('pujiang_outbox_backlog');
      expect([name, docs.status, bundle.status]).toEqual([name, 200, 200]);
      expect(await docs.text()).toContain('swagger-ui');
      expect([name, openapi.status]).toEqual([name, 200]);
      const document = (await openapi.json()) as OpenApi;
      for (const [path, method, status] of SUCCESS_SCHEMAS[name] ?? []) {
        expect([name, path, successSchema(document, path, method, status)]).toEqual([
          name,
          path,
          expect.objectContaining({ type: expect.any(String) }),
        ]);
      }
      expect([name, asyncapi.status]).toEqual([name, 200]);
      expect((await asyncapi.json()) as object).toMatchObject({ asyncapi: '3.0.0' });
    }
  });

  it('shows capture, anchoring and the ledger moving in the metrics after real traffic', async () => {
    const committed = 'pujiang_capture_to_anchor_seconds_count';
    const submits = ['operation="submit"', 'outcome="ok"'];
    const capture = ['method="POST"', 'route="/capture"', 'status="202"'];
    const traceabilityBefore = await scrape(traceability);
    const ledgerBefore = await scrape(ledger);
    const packer = await bearer(ORG1_PACKER);
    const tag = `obs${randomBytes(3).toString('hex')}`;

    const captured = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(supplyChainDocument(tag)),
    });
    expect(captured.status).toBe(202);
    const after = await eventually(
      async () => {
        const exposition = await scrape(traceability);
        const before = total(traceabilityBefore, committed) ?? 0;
        return (total(exposition, committed) ?? 0) > before ? exposition : undefined;
      },
      'the captured events to be anchored and their latency observed',
      90_000,
    );
    const ledgerAfter = await scrape(ledger);

    expect(total(traceabilityBefore, 'http_request_duration_seconds_count', capture)).toBe(
      undefined,
    );
    expect(total(after, 'http_request_duration_seconds_count', capture)).toBe(1);
    expect(
      total(ledgerAfter, 'pujiang_fabric_request_duration_seconds_count', submits),
    ).toBeGreaterThan(
      total(ledgerBefore, 'pujiang_fabric_request_duration_seconds_count', submits) ?? 0,
    );
    // Lag and parked messages of the groups each service runs, read from Kafka.
    expect(
      total(after, 'pujiang_kafka_consumer_lag', ['group="pujiang-traceability.anchor-committed"']),
    ).toEqual(expect.any(Number));
    expect(
      total(ledgerAfter, 'pujiang_kafka_consumer_lag', [
        'topic="pujiang.ledger.anchor-requested.v1"',
      ]),
    ).toEqual(expect.any(Number));
    expect(
      total(after, 'pujiang_dlq_messages', ['topic="pujiang.ledger.anchor-committed.v1.dlq"']),
    ).toEqual(expect.any(Number));
    expect(total(after, 'pujiang_outbox_oldest_age_seconds')).toEqual(expect.any(Number));
  });

  it('counts eBLs and claims by state on the services that follow them', async () => {
    const eblMetrics = await scrape(ebl.pja);
    const claimsMetrics = await scrape(insurers.org1);

    expect(total(eblMetrics, 'pujiang_ebl_documents', ['status="ISSUED"'])).toEqual(
      expect.any(Number),
    );
    expect(total(eblMetrics, 'pujiang_ebl_pint_transfers_received', ['state="ACCEPTED"'])).toEqual(
      expect.any(Number),
    );
    expect(total(claimsMetrics, 'pujiang_claims', ['status="NOTIFIED"'])).toEqual(
      expect.any(Number),
    );
  });

  describe('when Fabric is down', () => {
    const cutOff: Running[] = [];

    /** The service as configured for the stack, but with its peer at a port where nothing listens. */
    async function startCutOff(
      name: 'traceability' | 'ledger',
      module: typeof TraceabilityApp,
    ): Promise<Running> {
      Object.assign(process.env, serviceEnv(name, 0, 1), {
        LOG_LEVEL: 'error',
        // A port where nothing listens: a peer that is down.
        FABRIC_PEER_ENDPOINT: `127.0.0.1:${await freePort()}`,
      });
      const app = await createHttpApp(module, { bodyLimit: 1024 * 1024 });
      const url = (await listen(app, 0, '127.0.0.1')).replace('[::1]', '127.0.0.1');
      cutOff.push({ app, url });
      return { app, url };
    }

    afterAll(async () => {
      await Promise.all(cutOff.map((service) => service.app.close()));
    });

    it('keeps traceability ready, and the ledger service not', async () => {
      const cutTraceability = await startCutOff('traceability', TraceabilityApp);
      const cutLedger = await startCutOff('ledger', LedgerApp);
      const status = async (service: Running, path: string) =>
        (await fetch(`${service.url}${path}`)).status;

      // Every dependency, as /health reports them: the ledger is down for both.
      expect(await status(cutTraceability, '/health')).toBe(503);
      expect(await status(cutLedger, '/health')).toBe(503);
      expect(await status(cutTraceability, '/health/ready')).toBe(200);
      expect(await status(cutTraceability, '/health/live')).toBe(200);
      const unready = await fetch(`${cutLedger.url}/health/ready`);
      expect(unready.status).toBe(503);
      // Refused as every refusal is (ProblemDetailsFilter), with the reason in the log.
      expect(unready.headers.get('content-type')).toContain('application/problem+json');
      expect(await status(cutLedger, '/health/live')).toBe(200);
      // And traceability still captures while the ledger is away.
      const captured = await fetch(`${cutTraceability.url}/capture`, {
        method: 'POST',
        headers: { ...(await bearer(ORG1_PACKER)), 'content-type': 'application/ld+json' },
        body: JSON.stringify(supplyChainDocument(`cut${randomBytes(3).toString('hex')}`)),
      });
      expect(captured.status).toBe(202);
    });
  });
});
