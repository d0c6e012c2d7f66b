import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { Client } from 'pg';
import { parse } from 'yaml';
import { REPO_ROOT, stackEnv } from '../../../../../test/support/stack-env';
import { ORG1_PACKER, bearer } from '../../../../../test/support/stack-tokens';
import { startTraceabilityWithoutLedger } from '../../../../../test/support/traceability-without-ledger';

/**
 * GS1's own REST binding (test/fixtures/epcis/rest-binding/openapi.yaml) as the yardstick:
 * every one of its operations, named queries and subscriptions included, is called and
 * answers as the binding says, with the same token, role and visibility rules as GET /events.
 */

const RUN = randomBytes(4).toString('hex');
const BINDING = join(REPO_ROOT, 'test', 'fixtures', 'epcis', 'rest-binding', 'openapi.yaml');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

interface Operation {
  method: string;
  path: string;
  success: string[];
}

/**
 * The operations in an order where each finds what it needs: creations first (the named
 * query before its subscription, as the binding lists them), deletions last (the
 * subscription before its query).
 */
function inCallingOrder(operations: Operation[]): Operation[] {
  const rank = (o: Operation) => (o.method === 'POST' ? 0 : o.method === 'DELETE' ? 2 : 1);
  return [...operations].sort(
    (a, b) => rank(a) - rank(b) || (rank(a) === 2 ? b.path.length - a.path.length : 0),
  );
}

/** A webhook receiver on this machine that accepts every delivery. */
async function startReceiver(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/epcis` };
}

function bindingOperations(): Operation[] {
  const document = parse(readFileSync(BINDING, 'utf8')) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        // 101 is GET /queries/{queryName}/events answering a WebSocket handshake: not asked here.
        success: Object.keys(operation.responses).filter((status) => /^(2|3|1(?!01))/.test(status)),
      })),
  );
}

// Identifiers of this run only: the suite shares the stack's database with earlier runs.
const sgtin = (serial: string) => `urn:epc:id:sgtin:952012.0345678.${RUN}${serial}`;
const PLACE = `urn:epc:id:sgln:952012.345679.${RUN}`;
const LOT = `urn:epc:class:lgtin:952012.0345678.L${RUN}`;
const DEVICE = `urn:epc:id:giai:952012.D${RUN}`;
const PO = `urn:epcglobal:cbv:bt:9520123456788:${RUN}`;
const OWNER = 'urn:epc:id:pgln:952012.000001';
const IDS = { sensed: `urn:uuid:${randomUUID()}`, shipped: `urn:uuid:${randomUUID()}` };
const IDS_ALL = { ...IDS, declared: `urn:uuid:${randomUUID()}` };
const QUERY_NAME = `binding-${RUN}`;

function runDocument() {
  const at = (minute: number) => ({
    eventTime: `2026-11-21T08:${String(minute).padStart(2, '0')}:00.000+01:00`,
    eventTimeZoneOffset: '+01:00',
  });
  return {
    '@context': [EPCIS_CONTEXT, { example: 'https://ns.example.com/epcis/' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-21T09:00:00.000+01:00',
    epcisBody: {
      eventList: [
        {
          type: 'ObjectEvent',
          eventID: IDS.sensed,
          ...at(1),
          action: 'ADD',
          bizStep: 'commissioning',
          disposition: 'active',
          epcList: [sgtin('1'), sgtin('2')],
          readPoint: { id: PLACE },
          bizLocation: { id: PLACE },
          sensorElementList: [
            {
              sensorMetadata: {
                time: '2026-11-21T07:00:00Z',
                deviceID: DEVICE,
                startTime: '2026-11-21T06:00:00Z',
                endTime: '2026-11-21T07:00:00Z',
              },
              sensorReport: [
                { type: 'gs1:Temperature', value: 4.5, minValue: 2, maxValue: 7, uom: 'CEL' },
                // Another probe, reporting in °F (39.2 °F is 4 °C) at its own time.
                { type: 'gs1:Temperature', value: 39.2, uom: 'FAH', time: '2026-11-21T09:30:00Z' },
              ],
            },
          ],
        },
        {
          type: 'ObjectEvent',
          eventID: IDS.shipped,
          ...at(2),
          action: 'OBSERVE',
          bizStep: 'shipping',
          disposition: 'in_transit',
          epcList: [sgtin('1')],
          quantityList: [{ epcClass: LOT, quantity: 12, uom: 'KGM' }],
          bizTransactionList: [{ type: 'po', bizTransaction: PO }],
          sourceList: [{ type: 'owning_party', source: OWNER }],
          destinationList: [{ type: 'location', destination: PLACE }],
        },
        {
          type: 'ObjectEvent',
          eventID: IDS_ALL.declared,
          ...at(3),
          action: 'OBSERVE',
          bizStep: 'receiving',
          epcList: [sgtin('2')],
          bizLocation: { id: PLACE },
          'example:grade': 'A',
          errorDeclaration: { declarationTime: '2026-11-21T10:00:00Z', reason: 'incorrect_data' },
        },
      ],
    },
  };
}

describe('GS1’s EPCIS REST binding, operation by operation (real PostgreSQL and Kafka)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: Client;
  let packer: { authorization: string };
  /** Another organisation, with every trace role and no grant from Org1. */
  let stranger: { authorization: string };
  let captureID: string;
  let receiver: { server: Server; url: string };
  /** The subscription POST /queries/{queryName}/subscriptions made, once it has. */
  let subscriptionID = 'none-yet';
  const since = new Date(Date.now() - 1000).toISOString();

  beforeAll(async () => {
    packer = await bearer(ORG1_PACKER);
    stranger = await bearer({ ...ORG1_PACKER, organisation: 'Org2MSP', party: 'retailer' });
    receiver = await startReceiver();
    // Only here: the webhook receiver is on this machine, which production refuses.
    process.env.SUBSCRIPTION_ALLOW_INTERNAL_DESTINATIONS = 'true';
    // The company prefix whose length turns this run's Digital Links into EPC URNs.
    process.env.MASTER_DATA_COMPANY_PREFIXES = 'Org1MSP:952012';
    ({ app, url } = await startTraceabilityWithoutLedger());
    db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
    await db.connect();
    const captured = await fetch(`${url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(runDocument()),
    });
    const job = (await captured.json()) as { captureID: string; success: boolean };
    expect(captured.status).toBe(202);
    expect(job.success).toBe(true);
    captureID = job.captureID;
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    receiver?.server.close();
    delete process.env.SUBSCRIPTION_ALLOW_INTERNAL_DESTINATIONS;
    delete process.env.MASTER_DATA_COMPANY_PREFIXES;
  });

  const call = (path: string, init: RequestInit = {}, who = packer) =>
    fetch(`${url}${path}`, { ...init, headers: { ...who, ...(init.headers ?? {}) } });
  const idsOf = async (response: Response) => {
    const body = (await response.json()) as {
      epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
    };
    return body.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID).sort();
  };
  const query = async (parameters: Record<string, string>, path = '/events') => {
    const search = new URLSearchParams({ GE_recordTime: since, ...parameters });
    const response = await call(`${path}?${search.toString()}`);
    expect(response.status).toBe(200);
    return idsOf(response);
  };
  const enc = encodeURIComponent;

  /** A real value for each path parameter of the binding, from this run's events. */
  const pathOf = (template: string) =>
    template
      .replace('{captureID}', captureID)
      .replace('{eventID}', enc(IDS.sensed))
      .replace('{eventType}', 'ObjectEvent')
      .replace('{epc}', enc(sgtin('1')))
      .replace('{bizStep}', 'shipping')
      .replace('{bizLocation}', enc(PLACE))
      .replace('{readPoint}', enc(PLACE))
      .replace('{disposition}', 'in_transit')
      .replace('{token}', 'any-token')
      .replace('{queryName}', QUERY_NAME)
      .replace('{subscriptionID}', subscriptionID);

  const bodyOf = (operation: Operation) => {
    if (operation.path === '/capture') return JSON.stringify(runDocument());
    if (operation.path === '/queries') {
      return JSON.stringify({
        name: QUERY_NAME,
        query: { EQ_readPoint: [PLACE], eventType: ['ObjectEvent'] },
      });
    }
    if (operation.path === '/queries/{queryName}/subscriptions') {
      return JSON.stringify({
        dest: receiver.url,
        signatureToken: randomBytes(32).toString('hex'),
        stream: true,
      });
    }
    // A new event, sharing nothing with the run's three that later tests look for.
    return JSON.stringify({
      '@context': EPCIS_CONTEXT,
      type: 'ObjectEvent',
      eventTime: '2026-11-21T08:30:00.000+01:00',
      eventTimeZoneOffset: '+01:00',
      action: 'OBSERVE',
      bizStep: 'inspecting',
      epcList: [`urn:epc:id:giai:952012.N${randomBytes(4).toString('hex')}`],
    });
  };

  it('has 63 operations, 14 of them under /queries, and answers each as the binding says', async () => {
    const operations = inCallingOrder(bindingOperations());
    expect(operations).toHaveLength(63);
    expect(operations.filter((o) => o.path.startsWith('/queries'))).toHaveLength(14);

    const answers: string[] = [];
    for (const operation of operations) {
      const media = operation.path.startsWith('/queries')
        ? 'application/json'
        : 'application/ld+json';
      const response = await call(pathOf(operation.path), {
        method: operation.method,
        ...(operation.method === 'POST'
          ? { body: bodyOf(operation), headers: { 'content-type': media } }
          : {}),
      });
      const text = await response.text();
      if (operation.method === 'POST' && operation.path.endsWith('/subscriptions')) {
        subscriptionID = (JSON.parse(text) as { subscriptionID: string }).subscriptionID;
        expect(response.headers.get('location')).toBe(
          `/queries/${QUERY_NAME}/subscriptions/${subscriptionID}`,
        );
      } else if (operation.method === 'POST' && operation.path === '/queries') {
        expect(response.headers.get('location')).toBe(`/queries/${QUERY_NAME}`);
      } else if (operation.method === 'GET' && operation.path === '/queries/{queryName}/events') {
        // The named query runs: the run's events at PLACE's read point, under its name.
        const results = (
          JSON.parse(text) as {
            epcisBody: {
              queryResults: {
                queryName: string;
                resultsBody: { eventList: { eventID: string }[] };
              };
            };
          }
        ).epcisBody.queryResults;
        expect(results.queryName).toBe(QUERY_NAME);
        expect(results.resultsBody.eventList.map((e) => e.eventID)).toEqual([IDS.sensed]);
      }
      expect(text).not.toMatch(/Cannot (GET|POST|DELETE|OPTIONS)/);
      answers.push(`${operation.method} ${operation.path} ${response.status}`);
      expect({
        operation: `${operation.method} ${operation.path}`,
        status: response.status,
      }).toEqual({
        operation: `${operation.method} ${operation.path}`,
        status: Number(operation.success[0]),
      });
      expect(response.headers.get('gs1-epcis-version')).toBe('2.0.0');
      if (operation.method === 'OPTIONS') {
        expect(response.headers.get('allow')).toMatch(/^OPTIONS, (GET|POST)/);
        expect(response.headers.get('gs1-epcis-min')).toBe('2.0.0');
        expect(response.headers.get('gs1-epcis-max')).toBe('2.0.0');
        expect(response.headers.get('gs1-cbv-version')).toBe('2.0.0');
      } else if (operation.method === 'GET') {
        expect(response.headers.get('content-type')).toMatch(/^application\/(ld\+)?json/);
      }
    }
    expect(answers).toHaveLength(63);
    // Deleted last: the query and its subscription are gone.
    expect((await call(`/queries/${QUERY_NAME}`)).status).toBe(404);
  });

  it('answers GET / with the top-level resources and the vocabularies with what was captured', async () => {
    const root = (await (await call('/')).json()) as { type: string; member: string[] };
    expect(root.type).toBe('Collection');
    expect(root.member).toEqual(
      expect.arrayContaining(['events', 'eventTypes', 'epcs', 'capture']),
    );

    const types = (await (await call('/eventTypes')).json()) as { member: string[] };
    expect(types.member).toHaveLength(5);
    expect((await call('/eventTypes/ExtendedEvent')).status).toBe(404);

    // Paging through /epcs reaches this run's EPCs, as Digital Links.
    const epcs: string[] = [];
    let next: string | undefined = '/epcs?perPage=1000';
    while (next !== undefined) {
      const page: Response = await call(next);
      expect(page.status).toBe(200);
      epcs.push(...((await page.json()) as { member: string[] }).member);
      next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    }
    expect(epcs).toEqual(
      expect.arrayContaining([`https://id.gs1.org/01/09520123456788/21/${RUN}1`]),
    );
    const steps = (await (await call('/bizSteps?perPage=1000')).json()) as { member: string[] };
    expect(steps.member).toEqual(expect.arrayContaining(['commissioning', 'shipping']));

    expect(await query({}, `/bizSteps/shipping/events`)).toEqual([IDS.shipped]);
    expect(await query({}, `/readPoints/${enc(PLACE)}/events`)).toEqual([IDS.sensed]);
    expect(await query({}, `/epcs/${enc(sgtin('2'))}/events`)).toEqual(
      [IDS.sensed, IDS_ALL.declared].sort(),
    );
    // The path fixes the parameter: saying it again is a query parameter error.
    const twice = await call('/bizSteps/shipping/events?EQ_bizStep=receiving');
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { type: string }).type).toBe(
      'epcisException:QueryParameterException',
    );

    const jobs = (await (await call('/capture?perPage=1000')).json()) as { captureID: string }[];
    expect(jobs.map((j) => j.captureID)).toContain(captureID);
  });

  it('finds by EPC ID pattern, sensor report, typed party, quantity and EXISTS_', async () => {
    const all = [IDS.sensed, IDS.shipped, IDS_ALL.declared].sort();
    expect(await query({ MATCH_epc: `urn:epc:idpat:sgtin:952012.0345678.*` })).toEqual(all);
    expect(await query({ MATCH_anyEPC: `urn:epc:idpat:sgtin:952012.*.*` })).toEqual(all);
    expect(await query({ MATCH_epc: `urn:epc:idpat:sgtin:952013.*.*` })).toEqual([]);
    expect(await query({ MATCH_epcClass: `urn:epc:idpat:sgtin:952012.0345678.*` })).toEqual([
      IDS.shipped,
    ]);

    expect(await query({ EQ_type: 'Temperature' })).toEqual([IDS.sensed]);
    expect(await query({ EQ_type: 'Humidity' })).toEqual([]);
    expect(await query({ EQ_deviceID: DEVICE })).toEqual([IDS.sensed]);
    expect(await query({ GE_value_CEL: '4.5', LT_value_CEL: '5' })).toEqual([IDS.sensed]);
    expect(await query({ GE_value_CEL: '5' })).toEqual([]);
    // Bounds in another unit of temperature compare as the same temperature (EPCIS 2.0 §8.2.7.1).
    expect(await query({ GE_value_FAH: '0' })).toEqual([IDS.sensed]);
    expect(await query({ GE_value_FAH: '40.1' })).toEqual([IDS.sensed]);
    expect(await query({ GE_value_FAH: '40.2' })).toEqual([]);
    expect(await query({ LT_value_CEL: '4.5' })).toEqual([IDS.sensed]);
    expect(await query({ LT_value_KEL: '277.16' })).toEqual([IDS.sensed]);
    expect(await query({ LT_value_KEL: '277.15' })).toEqual([]);
    expect(await query({ GE_value_KGM: '0' })).toEqual([]);
    // A report's own time counts, not only its metadata's.
    expect(await query({ GE_time: '2026-11-21T09:00:00Z' })).toEqual([IDS.sensed]);
    expect(await query({ GE_time: '2026-11-21T09:30:01Z' })).toEqual([]);
    expect(await query({ LT_minValue_CEL: '3', GE_maxValue_CEL: '7' })).toEqual([IDS.sensed]);
    expect(await query({ GE_minValue_CEL: '3' })).toEqual([]);
    expect(await query({ GE_time: '2026-11-21T08:00:00+01:00' })).toEqual([IDS.sensed]);
    expect(await query({ LT_startTime: '2026-11-21T06:00:00Z' })).toEqual([]);
    expect(await query({ EXISTS_sensorElementList: 'true' })).toEqual([IDS.sensed]);

    expect(await query({ EQ_bizTransaction_po: PO })).toEqual([IDS.shipped]);
    expect(await query({ EQ_bizTransaction_inv: PO })).toEqual([]);
    expect(await query({ EQ_source_owning_party: OWNER })).toEqual([IDS.shipped]);
    // The same party by its Digital Link.
    expect(await query({ EQ_source_owning_party: 'https://id.gs1.org/417/9520120000014' })).toEqual(
      [IDS.shipped],
    );
    expect(await query({ EQ_destination_location: PLACE })).toEqual([IDS.shipped]);
    expect(await query({ EQ_destination_owning_party: PLACE })).toEqual([]);

    expect(await query({ EQ_quantity: '12' })).toEqual([IDS.shipped]);
    expect(await query({ GE_quantity_GRM: '12000' })).toEqual([IDS.shipped]);
    expect(await query({ GE_quantity_GRM: '12001' })).toEqual([]);
    expect(await query({ GE_quantity_KGM: '12', LT_quantity: '13' })).toEqual([IDS.shipped]);
    expect(await query({ GE_quantity: '13' })).toEqual([]);

    expect(await query({ EXISTS_errorDeclaration: '' })).toEqual([IDS_ALL.declared]);
    expect(await query({ EQ_errorReason: 'incorrect_data' })).toEqual([IDS_ALL.declared]);
    expect(await query({ 'EXISTS_example:grade': 'true' })).toEqual([IDS_ALL.declared]);
  });

  it('writes identifiers as GS1-EPC-Format asks, and says in its answer which it applied', async () => {
    // One event captured with Digital Links, beside the run's events captured with URNs.
    const linked = {
      type: 'ObjectEvent',
      eventID: `urn:uuid:${randomUUID()}`,
      eventTime: '2026-11-21T08:30:00.000+01:00',
      eventTimeZoneOffset: '+01:00',
      action: 'OBSERVE',
      epcList: [`https://id.gs1.org/01/09520123456788/21/${RUN}DL`],
      readPoint: { id: 'https://id.gs1.org/414/9520123456788' },
    };
    const posted = await call('/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(linked),
    });
    expect(posted.status).toBe(201);
    const eventAs = async (eventID: string, format?: string, accept = 'application/ld+json') => {
      const response = await call(`/events/${enc(eventID)}`, {
        headers: { accept, ...(format === undefined ? {} : { 'GS1-EPC-Format': format }) },
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      return {
        applied: response.headers.get('gs1-epc-format'),
        text,
        event: accept.includes('json')
          ? (
              JSON.parse(text) as {
                epcisBody: {
                  queryResults: {
                    resultsBody: {
                      eventList: { epcList: string[]; readPoint: { id: string } }[];
                    };
                  };
                };
              }
            ).epcisBody.queryResults.resultsBody.eventList[0]
          : undefined,
      };
    };
    const asUrn = [sgtin('1'), sgtin('2')];
    const asLink = [
      `https://id.gs1.org/01/09520123456788/21/${RUN}1`,
      `https://id.gs1.org/01/09520123456788/21/${RUN}2`,
    ];

    for (const format of [undefined, 'No_Preference', 'Never_Translates']) {
      const captured = await eventAs(IDS.sensed, format);
      expect({ format, applied: captured.applied }).toEqual({
        format,
        applied: 'Never_Translates',
      });
      expect(captured.event?.epcList).toEqual(asUrn);
      expect((await eventAs(linked.eventID, format)).event?.epcList).toEqual(linked.epcList);
    }
    const links = await eventAs(IDS.sensed, 'Always_GS1_Digital_Link');
    expect(links.applied).toBe('Always_GS1_Digital_Link');
    expect(links.event?.epcList).toEqual(asLink);
    expect(links.event?.readPoint.id).toBe(`https://id.gs1.org/414/9520123456795/254/${RUN}`);
    const xml = await eventAs(IDS.sensed, 'Always_GS1_Digital_Link', 'application/xml');
    expect(xml.applied).toBe('Always_GS1_Digital_Link');
    expect(xml.text).toContain(`<epc>${asLink[0]}</epc>`);

    const urns = await eventAs(linked.eventID, 'Always_EPC_URN');
    expect(urns.applied).toBe('Always_EPC_URN');
    expect(urns.event?.epcList).toEqual([`urn:epc:id:sgtin:952012.0345678.${RUN}DL`]);
    expect(urns.event?.readPoint.id).toBe('urn:epc:id:sgln:952012.345678.0');
    expect((await eventAs(IDS.sensed, 'Always_EPC_URN')).event?.epcList).toEqual(asUrn);

    // The query answers too.
    const page = await call(
      `/events?${new URLSearchParams({ GE_recordTime: since, EQ_action: 'ADD' }).toString()}`,
      {
        headers: { 'GS1-EPC-Format': 'Always_GS1_Digital_Link' },
      },
    );
    expect(page.headers.get('gs1-epc-format')).toBe('Always_GS1_Digital_Link');
    expect(await page.text()).toContain(asLink[0]);
    const bad = await call(`/events/${enc(IDS.sensed)}`, { headers: { 'GS1-EPC-Format': 'URN' } });
    expect(bad.status).toBe(406);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['MATCH_epc', 'urn:epc:idpat:sgtin:952012.*.7'],
    ['GE_value', '3'],
    ['GE_value_CEL', 'warm'],
    ['EXISTS_errorDeclaration', 'yes'],
    ['EQ_colour', 'red'],
    ['eventCountLimit', '2&maxEventCount=3'],
  ])('refuses %s=%s with a QueryParameterException', async (name, value) => {
    const response = await call(`/events?${name}=${value}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { type: string }).type).toBe(
      'epcisException:QueryParameterException',
    );
  });

  it('refuses more events than maxEventCount with a QueryTooLargeException', async () => {
    const search = new URLSearchParams({ GE_recordTime: since, maxEventCount: '2' });
    const response = await call(`/events?${search.toString()}`);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { type: string }).type).toBe(
      'epcisException:QueryTooLargeException',
    );
  });

  it.each([
    [{ 'GS1-EPCIS-Min': '2.1' }, 406],
    [{ 'GS1-EPCIS-Max': '1.2.0' }, 406],
    [{ 'GS1-CBV-Min': '3' }, 406],
    [{ 'GS1-EPCIS-Min': 'two' }, 406],
    [{ 'GS1-EPC-Format': 'Sometimes' }, 406],
    [{ 'GS1-EPCIS-Min': '1.2', 'GS1-EPCIS-Max': '2.0' }, 200],
    [{ 'GS1-EPCIS-Min': '2', 'GS1-CBV-Max': '2.0.0' }, 200],
  ])('negotiates the version: %j answers %i', async (headers, status) => {
    for (const path of [
      '/',
      '/eventTypes',
      '/events?perPage=1',
      `/capture/${captureID}`,
      '/queries',
    ]) {
      const response = await call(path, { headers });
      expect(response.status).toBe(status);
      if (status === 406) {
        expect(((await response.json()) as { type: string }).type).toBe(
          'epcisException:NotAcceptableException',
        );
      }
    }
  });

  describe('a party never sees through a new route what it may not see', () => {
    it('finds none of Org1’s values, events or capture jobs for Org2 without a grant', async () => {
      const asStranger = (path: string) => call(path, {}, stranger);
      const members = async (path: string) =>
        ((await (await asStranger(path)).json()) as { member: string[] }).member;
      expect(await members('/epcs?perPage=1000')).not.toContain(
        `https://id.gs1.org/01/09520123456788/21/${RUN}1`,
      );
      expect(await members('/readPoints?perPage=1000')).not.toContain(
        `https://id.gs1.org/414/9520123456795/254/${RUN}`,
      );
      for (const path of [
        `/epcs/${enc(sgtin('1'))}`,
        `/epcs/${enc(sgtin('1'))}/events`,
        `/readPoints/${enc(PLACE)}`,
        `/bizLocations/${enc(PLACE)}/events`,
        `/capture/${captureID}`,
        `/events/${enc(IDS.sensed)}`,
      ]) {
        const response = await asStranger(path);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
      const search = new URLSearchParams({ GE_recordTime: since });
      for (const path of ['/eventTypes/ObjectEvent/events', '/bizSteps/shipping/events']) {
        const response = await asStranger(`${path}?${search.toString()}`);
        if (response.status === 404) continue;
        expect(await idsOf(response)).toEqual([]);
      }
      const jobs = (await (await asStranger('/capture?perPage=1000')).json()) as {
        captureID: string;
      }[];
      expect(jobs.map((j) => j.captureID)).not.toContain(captureID);
    });

    it('shows Org2 the events of a GTIN Org1 granted it, and no others', async () => {
      const grantId = `it-${RUN}`;
      await db.query(
        `INSERT INTO access_grant (granter_msp_id, grant_id, grantee, scope_kind, scope_value,
            granted_at, expires_at, record)
         VALUES ('Org1MSP', $1, 'Org2MSP', 'gtin', '09520123456788', now() - interval '1 minute',
                 now() + interval '1 minute', '{}')`,
        [grantId],
      );
      try {
        const response = await call(`/epcs/${enc(sgtin('1'))}/events`, {}, stranger);
        expect(response.status).toBe(200);
        expect(await idsOf(response)).toEqual([IDS.sensed, IDS.shipped].sort());
        // The capture job stays Org1's: a grant shares events, not the capture interface.
        expect((await call(`/capture/${captureID}`, {}, stranger)).status).toBe(404);
      } finally {
        await db.query(`DELETE FROM access_grant WHERE grant_id = $1`, [grantId]);
      }
    });

    it('refuses every operation without a token (401) or without its role (403)', async () => {
      const routed = bindingOperations();
      const roleless = await bearer({ ...ORG1_PACKER, roles: ['trace:share'] });
      for (const operation of routed) {
        for (const [who, status] of [
          [{}, 401],
          [roleless, 403],
        ] as const) {
          const response = await fetch(`${url}${pathOf(operation.path)}`, {
            method: operation.method,
            headers: who,
          });
          expect({ op: `${operation.method} ${operation.path}`, status: response.status }).toEqual({
            op: `${operation.method} ${operation.path}`,
            status,
          });
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        }
      }
    });
  });
});
