import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readEpcisXml } from '@pujiang/epcis';
import {
  XML_TWINS,
  filesUnder,
  gs1Json,
  gs1Xml,
  hashIds,
} from '../../../../../libs/epcis/src/testing/gs1-twins';
import { Client } from 'pg';
import { REPO_ROOT, stackEnv } from '../../../../../test/support/stack-env';
import { ORG1_PACKER, bearer } from '../../../../../test/support/stack-tokens';
import { startTraceabilityWithoutLedger } from '../../../../../test/support/traceability-without-ledger';

const GS1 = join(REPO_ROOT, 'test', 'fixtures', 'epcis-gs1');
const EXAMPLES = join(REPO_ROOT, 'test', 'fixtures', 'epcis', 'examples');
const SIMPLE = join(GS1, 'JSON-simple-context');

/**
 * Simple-context documents whose standard twin says something else (see
 * simple-context-twins.spec), and one GS1 left without the schemaVersion and creationDate every
 * EPCIS document must have (so refused, as its twin would be without them).
 */
const SIMPLE_DIFFERING = new Set([
  'WithSensorData/SensorDataExample12.jsonld',
  'PersistentDisposition-example.jsonld',
  'WithSensorData/SensorDataExample13.jsonld',
  'WithSensorData/SensorDataExample17.jsonld',
  ...['aggregation', 'association', 'object', 'transaction', 'transformation'].map(
    (kind) => `WithFullCombinationOfFields/${kind}_event_all_possible_fields.jsonld`,
  ),
]);

const simpleTwins = filesUnder(SIMPLE, '.jsonld').filter((file) => !SIMPLE_DIFFERING.has(file));

describe('EPCIS bindings at capture and query: XML, and JSON-LD in any held context', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: Client;
  let packer: { authorization: string };

  beforeAll(async () => {
    packer = await bearer(ORG1_PACKER);
    ({ app, url } = await startTraceabilityWithoutLedger());
    db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const post = (path: string, body: string, contentType: string) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { ...packer, 'content-type': contentType },
      body,
    });

  /** The hash IDs a capture job stored, and whether all the expected ones are now held. */
  async function captured(captureID: string, expected: string[]) {
    const mine = await db.query<{ event_hash: string }>(
      'SELECT event_hash FROM epcis_event WHERE capture_id = $1',
      [captureID],
    );
    return { stored: mine.rows.map((r) => r.event_hash), held: await heldCount(expected) };
  }

  async function heldCount(hashes: string[]): Promise<number> {
    const held = await db.query<{ n: string }>(
      'SELECT count(DISTINCT event_hash) AS n FROM epcis_event WHERE event_hash = ANY($1)',
      [hashes],
    );
    return Number(held.rows[0]?.n);
  }

  it.each(simpleTwins)(
    'captures the simple-context %s as its standard-context twin: same events, same hash IDs',
    async (file) => {
      const twin: unknown = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
      const expected = hashIds(twin);
      const res = await post(
        '/capture',
        readFileSync(join(SIMPLE, file), 'utf8'),
        'application/ld+json',
      );
      const job = (await res.json()) as Record<string, unknown>;
      expect([res.status, job]).toEqual([202, expect.objectContaining({ success: true })]);
      const { stored, held } = await captured(String(job.captureID), expected);
      expect(expected.filter((hash) => !stored.includes(hash))).toHaveLength(
        expected.length - stored.length,
      );
      expect(stored.every((hash) => expected.includes(hash))).toBe(true);
      expect(held).toBe(new Set(expected).size);
    },
  );

  /** Each XML example whose events all have their twin's hash IDs; the rest are listed in XML_TWINS. */
  const xmlTwins = XML_TWINS.filter((twin) => twin.differing === undefined);

  it.each(xmlTwins.map((twin) => [twin.xml, twin]))(
    'captures the XML example %s as its JSON-LD twin: same events, same hash IDs',
    async (_, twin) => {
      const expected = twin.json.flatMap((file) => hashIds(gs1Json(file)));
      const res = await post('/capture', gs1Xml(twin.xml), 'application/xml');
      const job = (await res.json()) as Record<string, unknown>;
      expect([res.status, job]).toEqual([202, expect.objectContaining({ success: true })]);
      expect(job.eventCount).toBe(expected.length);
      const { stored, held } = await captured(String(job.captureID), expected);
      expect(stored.every((hash) => expected.includes(hash))).toBe(true);
      expect(held).toBe(new Set(expected).size);
    },
  );

  it('captures the events of a partly-differing XML example that match their twin, under the same hash IDs', async () => {
    // EPCIS 1.2 XML (text/xml), whose first event has a JSON-LD twin.
    const twin = XML_TWINS.find((t) => t.xml === 'XSL/1.2/XML/TransactionEvent.xml');
    const res = await post('/capture', gs1Xml(twin?.xml ?? ''), 'text/xml');
    const job = (await res.json()) as Record<string, unknown>;
    expect([res.status, job]).toEqual([202, expect.objectContaining({ success: true })]);
    const [first] = hashIds(gs1Json(twin?.json[0] ?? ''));
    const { held } = await captured(String(job.captureID), [first ?? '']);
    expect(held).toBe(1);
  });

  it('answers a query in EPCIS 2.0 XML when Accept asks for it, JSON-LD otherwise', async () => {
    const xml = gs1Xml('XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml');
    expect((await post('/capture', xml, 'application/xml')).status).toBe(202);
    const [hash] = hashIds(readEpcisXml(xml));
    const query = `${url}/events?EQ_bizStep=shipping&MATCH_epc=urn:epc:id:sgtin:0614141.107346.2017`;

    const asXml = await fetch(query, { headers: { ...packer, accept: 'application/xml' } });
    expect(asXml.status).toBe(200);
    expect(asXml.headers.get('content-type')).toMatch(/^application\/xml/);
    const body = await asXml.text();
    expect(body).toContain('<epcisq:EPCISQueryDocument');
    expect(hashIds(readEpcisXml(body))).toContain(hash);

    const byDefault = await fetch(query, { headers: packer });
    expect(byDefault.headers.get('content-type')).toMatch(/^application\/(ld\+)?json/);
    expect(((await byDefault.json()) as { type: string }).type).toBe('EPCISQueryDocument');

    const one = await fetch(`${url}/events/${encodeURIComponent(hash ?? '')}`, {
      headers: { ...packer, accept: 'text/xml' },
    });
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(hashIds(readEpcisXml(await one.text()))).toEqual([hash]);

    const neither = await fetch(query, { headers: { ...packer, accept: 'image/png' } });
    expect(neither.status).toBe(406);
    expect(neither.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  const countEvents = async () =>
    Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM epcis_event')).rows[0]?.n);
  const simple = readFileSync(join(SIMPLE, 'Example_9.6.2-ObjectEvent.jsonld'), 'utf8');

  it.each([
    [
      'malformed XML',
      '<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody>',
      'application/xml',
      400,
    ],
    ['XML that is not EPCIS', '<html><body>hello</body></html>', 'application/xml', 400],
    [
      'an XML event the schema refuses',
      gs1Xml('XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml').replace(
        /<action>OBSERVE<\/action>/g,
        '<action>EXPLODE</action>',
      ),
      'application/xml',
      400,
    ],
    [
      'an XML entity expansion',
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2020-01-01T00:00:00Z"><EPCISBody><EventList><ObjectEvent><eventTime>&a;</eventTime></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>',
      'application/xml',
      400,
    ],
    [
      'an unknown context',
      simple.replace(
        'https://gs1.github.io/EPCIS/epcis-context-simple.jsonld',
        'https://example.org/my-context.jsonld',
      ),
      'application/ld+json',
      400,
    ],
    [
      'a remote context object',
      simple.replace(
        '"https://gs1.github.io/EPCIS/epcis-context-simple.jsonld"',
        '{"@import": "https://example.org/c.jsonld"}',
      ),
      'application/ld+json',
      400,
    ],
    [
      'JSON-LD that is not valid JSON-LD',
      simple.replace(
        '"https://gs1.github.io/EPCIS/epcis-context-simple.jsonld"',
        '{"@version": 2}',
      ),
      'application/ld+json',
      400,
    ],
  ])('refuses %s with a problem+json and stores nothing', async (_, body, contentType, status) => {
    const before = await countEvents();
    const res = await post('/capture', body, contentType);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { type: string; title: string };
    expect(problem.type).toBe('epcisException:ValidationException');
    expect(await countEvents()).toBe(before);
  });

  it('refuses an XML document GS1’s XSD refuses, naming the line and the element, and stores nothing', async () => {
    // The reader alone would take it: the XSD fixes the order of an event's elements.
    const xml = gs1Xml('XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml').replace(
      /(<eventTime>[^<]*<\/eventTime>)(\s*)(<eventTimeZoneOffset>[^<]*<\/eventTimeZoneOffset>)/,
      '$3$2$1',
    );
    expect(hashIds(readEpcisXml(xml)).length).toBeGreaterThan(0);
    const line = xml.split('\n').findIndex((text) => text.includes('<eventTimeZoneOffset>')) + 1;
    for (const contentType of ['application/xml', 'text/xml']) {
      const before = await countEvents();
      const res = await post('/capture', xml, contentType);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await res.json()) as {
        type: string;
        detail: string;
        errors: { detail: string }[];
      };
      expect(problem.type).toBe('epcisException:ValidationException');
      expect(problem.detail).toContain(`line ${line}`);
      expect(problem.detail).toContain("Element 'eventTimeZoneOffset'");
      expect(problem.errors[0].detail).toMatch(/^line \d+: Element 'eventTimeZoneOffset'/);
      expect(await countEvents()).toBe(before);
    }
  });

  it('refuses XML at POST /events (one JSON-LD event) with 415', async () => {
    const res = await post('/events', gs1Xml('XML/Mimasu/Example3.xml'), 'application/xml');
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('takes one event at POST /events in the simple context, stored under its standard hash ID', async () => {
    const document = JSON.parse(simple) as {
      '@context': unknown;
      epcisBody: { eventList: object[] };
    };
    const event = { '@context': document['@context'], ...document.epcisBody.eventList[0] };
    const res = await post('/events', JSON.stringify(event), 'application/ld+json');
    expect([200, 201]).toContain(res.status);
    const [expected] = hashIds(gs1Json('Example_9.6.2-ObjectEvent.jsonld'));
    expect(await heldCount([expected ?? ''])).toBe(1);
  });

  it('reads @type for type and a single value for a list in the standard context as JSON-LD says', async () => {
    const standard = gs1Json('AssociationEvent/AssociationEvent-a.jsonld') as {
      epcisBody: { eventList: Record<string, unknown>[] };
    };
    const expected = hashIds(standard);
    const aliased = structuredClone(standard);
    const { type, childEPCs, ...rest } = aliased.epcisBody.eventList[0] ?? {};
    aliased.epcisBody.eventList[0] = {
      '@type': type,
      childEPCs: (childEPCs as unknown[])[0],
      ...rest,
    };
    const res = await post('/capture', JSON.stringify(aliased), 'application/ld+json');
    const job = (await res.json()) as Record<string, unknown>;
    expect([res.status, job]).toEqual([202, expect.objectContaining({ success: true })]);
    const { held } = await captured(String(job.captureID), expected);
    expect(held).toBe(expected.length);
  });

  it('refuses a simple-context document too large to read as JSON-LD with 413, storing nothing', async () => {
    const document = JSON.parse(simple) as { epcisBody: { eventList: object[] } };
    const [event] = document.epcisBody.eventList;
    document.epcisBody.eventList = Array.from({ length: 2_000 }, () => event ?? {});
    const before = await countEvents();
    const res = await post('/capture', JSON.stringify(document), 'application/ld+json');
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await countEvents()).toBe(before);
  });
});
