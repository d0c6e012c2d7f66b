import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EPCIS_CONTEXT, eventHashId } from '@pujiang/epcis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { REPO_ROOT, stackEnv } from '../../../../test/support/stack-env';
import { ORG1_PACKER, bearer } from '../../../../test/support/stack-tokens';
import { startTraceabilityWithoutLedger } from '../../../../test/support/traceability-without-ledger';
import { CaptureJobStore } from './capture/capture-job.store';
import { CAPTURE_LIMITS } from './capture/domain/capture-job';
import { indexEvent } from './events/domain/indexed-event';
import { EpcisVocabulary } from './events/epcis-vocabulary';
import { EventStore, EventToStore } from './events/event-store';
import { supplyChainDocument } from './testing/supply-chain.fixture';

// Lots are unique per run: the suite shares the stack's database with earlier runs.
const RUN = randomBytes(3).toString('hex');
const EXAMPLES = join(REPO_ROOT, 'test', 'fixtures', 'epcis', 'examples');

function exampleFiles(dir = EXAMPLES): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? exampleFiles(path) : [path];
  });
}

describe('the EPCIS repository (real PostgreSQL and Kafka)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let db: Client;
  /** Org1's packer captures, queries and traces; the consumer page is asked for with no token. */
  let packer: { authorization: string };

  beforeAll(async () => {
    const env = stackEnv();
    packer = await bearer(ORG1_PACKER);
    ({ app, url } = await startTraceabilityWithoutLedger());
    db = new Client({ connectionString: env.TRACEABILITY_DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  const count = async () => {
    const { rows } = await db.query<{ events: string; outbox: string }>(
      `SELECT (SELECT count(*) FROM epcis_event) AS events,
              (SELECT count(*) FROM outbox_message) AS outbox`,
    );
    return rows[0];
  };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string) => fetch(`${url}${path}`, { headers: packer });

  it('advertises its capture limits and error behaviours', async () => {
    const res = await fetch(`${url}/capture`, { method: 'OPTIONS', headers: packer });
    expect(res.status).toBe(204);
    expect(res.headers.get('gs1-epcis-capture-limit')).toBe(String(CAPTURE_LIMITS.maxEvents));
    expect(res.headers.get('gs1-epcis-capture-file-size-limit')).toBe(
      String(CAPTURE_LIMITS.maxBytes),
    );
    expect(res.headers.get('gs1-capture-error-behaviour')).toBe('rollback, proceed');
  });

  it.each(exampleFiles().map((file) => [file.slice(EXAMPLES.length + 1), file]))(
    'accepts the GS1 example %s, and a second capture of it stores nothing new',
    async (_name, file) => {
      const document = readFileSync(file, 'utf8');
      const first = await post('/capture', document);
      expect(first.status).toBe(202);
      const job = (await first.json()) as Record<string, unknown>;
      expect(first.headers.get('location')).toBe(`/capture/${String(job.captureID)}`);
      expect(job).toMatchObject({ running: false, success: true, errors: [] });
      expect(Number(job.capturedCount) + Number(job.duplicateCount)).toBe(job.eventCount);

      const before = await count();
      const again = (await (await post('/capture', document)).json()) as Record<string, unknown>;
      expect(again).toMatchObject({
        success: true,
        capturedCount: 0,
        duplicateCount: job.eventCount,
      });
      expect(await count()).toEqual(before);

      const status = await get(first.headers.get('location') ?? '');
      expect(await status.json()).toMatchObject({ captureID: job.captureID, success: true });
    },
  );

  it('refuses a broken document with a problem+json that points at the field, storing nothing', async () => {
    const document = JSON.parse(readFileSync(exampleFiles()[0], 'utf8')) as {
      epcisBody: { eventList: Record<string, unknown>[] };
    };
    const broken = structuredClone(document);
    broken.epcisBody.eventList[0] = { ...broken.epcisBody.eventList[0], action: 'EXPLODE' };
    delete broken.epcisBody.eventList[0]?.eventTime;
    const before = await count();
    const res = await post('/capture', broken);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { type: string; errors: { pointer: string }[] };
    expect(problem.type).toBe('epcisException:ValidationException');
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual([
      '/epcisBody/eventList/0/action',
      '/epcisBody/eventList/0/eventTime',
    ]);
    expect(await count()).toEqual(before);
  });

  it('refuses a body over the file-size limit before parsing it, and a non-JSON body', async () => {
    const huge = await post(
      '/capture',
      `{"type":"EPCISDocument","x":"${'a'.repeat(CAPTURE_LIMITS.maxBytes)}"}`,
    );
    expect(huge.status).toBe(413);
    const text = await post('/capture', 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const malformed = await post('/capture', '{"type":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('rolls back a whole document on one bad event by default, and proceeds when asked', async () => {
    const doc = supplyChainDocument(`rollback${RUN}`);
    const events = doc.epcisBody.eventList;
    events[1] = { ...events[1], eventTime: '2099-01-01T00:00:00.000Z' };
    const before = await count();
    const rollback = (await (await post('/capture', doc)).json()) as Record<string, unknown>;
    expect(rollback).toMatchObject({ success: false, capturedCount: 0 });
    expect(rollback.errors).toEqual([
      expect.objectContaining({ eventIndex: 1, pointer: '/epcisBody/eventList/1/eventTime' }),
    ]);
    expect(await count()).toEqual(before);

    const proceed = (await (
      await post('/capture', doc, { 'GS1-Capture-Error-Behaviour': 'proceed' })
    ).json()) as Record<string, unknown>;
    expect(proceed).toMatchObject({ success: false });
    // The pallet's receipt is the same event in every run of this suite: a duplicate after the first.
    expect(Number(proceed.capturedCount) + Number(proceed.duplicateCount)).toBe(events.length - 1);
    const bad = await post('/capture', doc, { 'GS1-Capture-Error-Behaviour': 'skip' });
    expect(bad.status).toBe(400);
  });

  it('captures one event at POST /events and serves it by its eventID', async () => {
    const [event] = supplyChainDocument(`single${RUN}`).epcisBody.eventList;
    const created = await post('/events', event);
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    const { eventID } = (await created.json()) as { eventID: string };
    expect(eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(location).toBe(`/events/${encodeURIComponent(eventID)}`);
    // The binding answers one event as an EPCISQueryDocument holding it alone.
    const answer = (await (await get(location)).json()) as {
      type: string;
      epcisBody: { queryResults: { resultsBody: { eventList: Record<string, unknown>[] } } };
    };
    expect(answer.type).toBe('EPCISQueryDocument');
    const [stored, ...others] = answer.epcisBody.queryResults.resultsBody.eventList;
    expect(others).toEqual([]);
    expect(stored).toMatchObject({ eventID, type: 'ObjectEvent' });
    expect(typeof stored.recordTime).toBe('string');

    const repeated = await post('/events', event);
    expect(repeated.status).toBe(200);
    expect(repeated.headers.get('location')).toBe(location);

    const missing = await get(`/events/${encodeURIComponent('urn:uuid:nothing')}`);
    expect(missing.status).toBe(404);
  });

  it('answers single events sent together, stored before or sent twice, each as if alone', async () => {
    // Sent at once, these share group-commit transactions, which insert without looking first.
    const [held, fresh] = supplyChainDocument(`together${RUN}`).epcisBody.eventList;
    const first = await post('/events', held);
    expect(first.status).toBe(201);
    const heldAt = first.headers.get('location');
    const answers = await Promise.all(
      [held, fresh, fresh, held, fresh].map((e) => post('/events', e)),
    );
    const statuses = answers.map((a) => a.status);
    const locations = answers.map((a) => a.headers.get('location'));
    const ids = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { eventID: string }).eventID),
    );

    expect([statuses[0], statuses[3]]).toEqual([200, 200]);
    expect([locations[0], locations[3]]).toEqual([heldAt, heldAt]);
    expect([statuses[1], statuses[2], statuses[4]].sort()).toEqual([200, 200, 201]);
    expect(new Set([ids[1], ids[2], ids[4]]).size).toBe(1);
    const { rows } = await db.query<{ event_id: string; events: string; outbox: string }>(
      `SELECT e.event_id, count(DISTINCT e.seq) AS events, count(o.sequence) AS outbox
         FROM epcis_event e LEFT JOIN outbox_message o ON o.event->>'subject' = e.event_hash
        WHERE e.event_id = ANY($1::text[]) GROUP BY e.event_id`,
      [[ids[0], ids[1]]],
    );
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining(
        [ids[0], ids[1]].map((eventID) => ({ event_id: eventID, events: '1', outbox: '2' })),
      ),
    );
  });

  it('gives identifier rows and outbox messages only to the events its own statement inserted', async () => {
    // Two captures of one new event that both found it missing: the second's insert meets the first's row.
    const [event] = supplyChainDocument(`race${RUN}`).epcisBody.eventList;
    const context = { jsonLdContext: [EPCIS_CONTEXT] };
    const eventHash = eventHashId(event, context);
    const toStore: EventToStore = {
      index: 0,
      eventHash,
      eventID: eventHash,
      eventTime: new Date(String(event.eventTime)),
      indexed: indexEvent(event, new EpcisVocabulary()),
      document: { ...event, eventID: eventHash },
      context,
      author: { organisation: ORG1_PACKER.organisation, party: ORG1_PACKER.party },
    };
    const capture = () =>
      app.get(DataSource).transaction(async (manager) => {
        const captureId = randomUUID();
        const now = new Date();
        await new CaptureJobStore(manager).open({
          captureId,
          errorBehaviour: 'proceed',
          success: true,
          eventCount: 1,
          duplicateCount: 0,
          errors: [],
          createdAt: now,
          finishedAt: now,
        });
        return app.get(EventStore).insert(manager, captureId, now, [toStore]);
      });
    const rowsOf = async () => {
      const { rows } = await db.query<{ events: string; identifiers: string; outbox: string }>(
        `SELECT (SELECT count(*) FROM epcis_event WHERE event_hash = $1) AS events,
                (SELECT count(*) FROM epcis_event_identifier i JOIN epcis_event e ON e.seq = i.event_seq
                  WHERE e.event_hash = $1) AS identifiers,
                (SELECT count(*) FROM outbox_message WHERE event->>'subject' = $1) AS outbox`,
        [eventHash],
      );
      return rows[0];
    };

    expect(await capture()).toEqual([eventHash]);
    const first = await rowsOf();
    expect(first).toEqual({
      events: '1',
      identifiers: String(
        toStore.indexed.identifiers.length + toStore.indexed.typedIdentifiers.length,
      ),
      outbox: '2',
    });
    expect(Number(first?.identifiers)).toBeGreaterThan(0);

    expect(await capture()).toEqual([]);
    expect(await rowsOf()).toEqual(first);
  });

  it('finds events by any spelling of a business step or identifier, page by page', async () => {
    await post('/capture', supplyChainDocument(`query${RUN}`));
    const find = async (query: string) => {
      const res = await get(`/events?${query}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        type: string;
        epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
      };
      expect(body.type).toBe('EPCISQueryDocument');
      return {
        events: body.epcisBody.queryResults.resultsBody.eventList,
        link: res.headers.get('link'),
      };
    };
    const lot = `urn:epc:class:lgtin:952012.0345678.query${RUN}-A`;
    const bare = await find(
      `EQ_bizStep=commissioning&MATCH_anyEPCClass=${encodeURIComponent(lot)}`,
    );
    const urn = await find(
      `EQ_bizStep=urn:epcglobal:cbv:bizstep:commissioning&MATCH_anyEPCClass=${encodeURIComponent(`https://id.gs1.org/01/09520123456788/10/query${RUN}-A`)}`,
    );
    expect(bare.events).toHaveLength(1);
    expect(urn.events.map((e) => e.eventID)).toEqual(bare.events.map((e) => e.eventID));

    const all = await find(`MATCH_anyEPCClass=${encodeURIComponent(lot)}&orderDirection=ASC`);
    const seen: string[] = [];
    let next: string | null =
      `MATCH_anyEPCClass=${encodeURIComponent(lot)}&orderDirection=ASC&perPage=1`;
    while (next !== null) {
      const page = await find(next);
      seen.push(...page.events.map((e) => e.eventID));
      next = page.link === null ? null : (/<\/events\?([^>]+)>/.exec(page.link)?.[1] ?? null);
    }
    expect(seen).toEqual(all.events.map((e) => e.eventID));
    expect(seen.length).toBeGreaterThan(1);

    const limited = await find(`MATCH_anyEPCClass=${encodeURIComponent(lot)}&eventCountLimit=1`);
    expect(limited.events).toHaveLength(1);
    expect(limited.link).toBeNull();

    const wrong = await get('/events?EQ_bizstep=commissioning');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
      '/EQ_bizstep',
    );
  });

  it('traces a lot forward to the store and back to the farm, with a recall report and an FSMA 204 sheet', async () => {
    await post('/capture', supplyChainDocument(`trace${RUN}`));
    const lot = { gtin: '09520123456788', lot: `trace${RUN}-A` };
    const forward = (await (
      await get(`/trace?gtin=${lot.gtin}&lot=${lot.lot}&direction=forward`)
    ).json()) as { nodes: { id: string; kind: string }[] };
    const ids = forward.nodes.map((n) => n.id);
    expect(ids).toContain(`https://id.gs1.org/01/09520123456788/10/trace${RUN}-P`);
    expect(ids).toContain('https://id.gs1.org/00/095201234567890122');
    expect(ids).toContain('https://id.gs1.org/414/9520123456788');

    const recall = (await (await get(`/recall?gtin=${lot.gtin}&lot=${lot.lot}`)).json()) as {
      downstreamLots: string[];
      places: string[];
    };
    expect(recall.downstreamLots).toEqual([
      `https://id.gs1.org/01/09520123456788/10/trace${RUN}-P`,
    ]);

    const back = (await (
      await get(`/trace?gtin=${lot.gtin}&lot=trace${RUN}-P&direction=backward`)
    ).json()) as { nodes: { id: string }[] };
    expect(back.nodes.map((n) => n.id)).toContain(
      `https://id.gs1.org/01/09520123456788/10/trace${RUN}-A`,
    );

    const csv = await get(
      `/fsma-204?gtin=${lot.gtin}&lot=${lot.lot}&from=2026-01-01&to=2027-01-01`,
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^Traceability Lot Code,/);
    expect(
      lines.some(
        (l) => l.startsWith(`trace${RUN}-A,09520123456788,`) && l.includes('Initial Packing'),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.includes('Transformation'))).toBe(true);

    const bad = await get('/trace?gtin=123&lot=x');
    expect(bad.status).toBe(400);

    // The consumer scans the QR code on a pack of the packed lot: no login, no token. The page
    // shows published steps only; with no ledger here, Org1's publication of the GTIN is put in
    // the read model by hand, for this run only (it ends when the test does).
    const now = Date.now();
    const publication = {
      grantId: `it-${RUN}`,
      granterMspId: 'Org1MSP',
      grantee: 'PUBLIC',
      scope: { kind: 'gtin', value: lot.gtin },
      grantedAt: new Date(now - 60_000).toISOString(),
      expiresAt: new Date(now + 60_000).toISOString(),
      grantedBy: 'Org1MSP::packer',
      txId: 'none',
    };
    await db.query(
      `INSERT INTO access_grant (granter_msp_id, grant_id, grantee, scope_kind, scope_value,
          granted_at, expires_at, record)
       VALUES ('Org1MSP', $1, 'PUBLIC', 'gtin', $2, $3, $4, $5)`,
      [
        publication.grantId,
        lot.gtin,
        publication.grantedAt,
        publication.expiresAt,
        JSON.stringify(publication),
      ],
    );
    const packLink = `/01/${lot.gtin}/10/trace${RUN}-P`;
    const page = await fetch(`${url}${packLink}`);
    // The page is kept until its data changes: asked again with its ETag while
    // the publication stands, it has not changed.
    const etag = page.headers.get('etag') ?? '';
    const again = await fetch(`${url}${packLink}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    // The fixture sends no master data: the page says what happened, and that the places are not described.
    expect(html).toContain('1. Made');
    expect(html).toContain('2. Produced');
    expect(html).toContain('a place not described');
    const links = await fetch(`${url}${packLink}`, {
      headers: { accept: 'application/linkset+json' },
    });
    expect(links.headers.get('content-type')).toMatch(/^application\/linkset\+json/);
    expect(JSON.stringify(await links.json())).toContain('https://gs1.org/voc/pip');
    const qr = await fetch(`${url}/qr${packLink}`);
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await qr.text()).toMatch(/^<svg/);
    await db.query(`DELETE FROM access_grant WHERE grant_id = $1`, [publication.grantId]);
    expect((await fetch(`${url}/01/09520123456787/10/x`)).status).toBe(400);
  });

  it('answers a proof request with the pending state, and 503 when the ledger is down for an anchored one', async () => {
    const [event] = supplyChainDocument(`proof${RUN}`).epcisBody.eventList;
    const { eventID } = (await (await post('/events', event)).json()) as { eventID: string };
    const pending = await get(`/events/${encodeURIComponent(eventID)}/proof`);
    expect(await pending.json()).toMatchObject({ anchorStatus: 'pending', verified: false });

    await db.query(
      `UPDATE epcis_event SET anchor_status = 'anchored', batch_id = 'b', leaf_index = 0,
              merkle_proof = '[]', merkle_root = $2, tx_id = $2, block_number = 1, anchored_at = now(),
              anchored_by = 'Org1MSP'
        WHERE event_id = $1`,
      [eventID, 'a'.repeat(64)],
    );
    const down = await get(`/events/${encodeURIComponent(eventID)}/proof`);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
