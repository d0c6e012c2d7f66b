import { randomBytes } from 'node:crypto';
import { lotDigitalLink } from '@pujiang/epcis';
import { Client } from 'pg';
import { ServedTeaLot, servedTeaLot } from '../../../../../test/support/served-tea-lot';
import { TEA_GTIN, teaDocument, teaLot } from '../testing/consumer-page.fixture';
import { ProvenancePages } from './provenance-pages';

const RUN = randomBytes(3).toString('hex');
const STEP = /<li><span class="step">/g;

/**
 * The consumer page is kept until its data changes, never for a fixed time:
 * these show each change reaching a kept page through PostgreSQL's triggers
 * (real PostgreSQL and Kafka, no ledger: a sealed step reads "could not be
 * checked", an unsealed one "not sealed yet").
 */
describe('the consumer page follows its data (real PostgreSQL)', () => {
  let served: ServedTeaLot;
  let url: string;
  let db: Client;
  let packer: { authorization: string };
  const page = `/01/${TEA_GTIN}/10/${teaLot(RUN)}`;
  const html = async () => (await fetch(`${url}${page}`)).text();
  /** The page as soon as it shows what `until` waits for (the NOTIFY travels asynchronously). */
  const pageOnceIt = async (until: (html: string) => boolean): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      const text = await html();
      if (until(text) || attempt === 50) return text;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    process.env.MASTER_DATA_COMPANY_PREFIXES = 'Org1MSP:4012345|952012,Org2MSP:0614141';
    served = await servedTeaLot(RUN, `cpc-${RUN}`);
    ({ url, db, packer } = served);
  });

  afterAll(() => served?.close());

  it('keeps the page and its ETag while nothing changes, and answers 304 to the ETag', async () => {
    const first = await fetch(`${url}${page}`);
    const etag = first.headers.get('etag') ?? '';
    expect((await first.text()).match(STEP)).toHaveLength(5);
    const again = await fetch(`${url}${page}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers scans of a kept page before Nest’s pipeline, as the route answers them (decision 0030)', async () => {
    const render = jest.spyOn(served.app.get(ProvenancePages), 'page');
    const scans = async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const series = text
        .split('\n')
        .find(
          (line) =>
            line.startsWith('http_request_duration_seconds_count{') &&
            line.includes('method="GET"') &&
            line.includes('route="/01/:gtin/10/:lot"') &&
            line.includes('status="200"'),
        );
      return Number(series?.split(' ').pop() ?? 0);
    };
    const zh = `${url}${page}?lang=zh`;
    const routed = await fetch(zh);
    const routedBody = await routed.text();
    expect(render).toHaveBeenCalledTimes(1);
    const counted = await scans();

    const early = await fetch(zh);
    const head = await fetch(zh, { method: 'HEAD' });
    const gzipped = await fetch(zh, { headers: { 'accept-encoding': 'gzip' } });
    const etag = early.headers.get('etag') ?? '';
    const unchanged = await fetch(zh, { headers: { 'if-none-match': etag } });
    const linkset = await fetch(`${url}${page}?linkType=all`);

    expect(render).toHaveBeenCalledTimes(1);
    render.mockRestore();
    expect(await early.text()).toBe(routedBody);
    for (const name of [
      'content-type',
      'etag',
      'cache-control',
      'content-language',
      'vary',
      'link',
      'access-control-allow-origin',
      'access-control-expose-headers',
    ]) {
      expect([name, early.headers.get(name)]).toEqual([name, routed.headers.get(name)]);
    }
    expect(early.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(early.headers.get('x-request-id')).not.toBe(routed.headers.get('x-request-id'));
    expect([head.status, await head.text()]).toEqual([200, '']);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toBe(routedBody);
    expect(unchanged.status).toBe(304);
    expect(linkset.headers.get('content-type')).toMatch(/^application\/linkset\+json/);
    // Metrics by route still count them: the early answer, gzipped, and the linkset.
    expect(await scans()).toBe(counted + 3);
  });

  it('shows a step of the lot as soon as it is captured', async () => {
    expect((await html()).match(STEP)).toHaveLength(5);
    const document = teaDocument(RUN) as { epcisBody: { eventList: Record<string, unknown>[] } };
    const later: Record<string, unknown> = {
      ...document.epcisBody.eventList[4],
      eventTime: '2026-11-28T09:00:00.000+01:00',
    };
    delete later.eventID;
    const captured = await fetch(`${url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify({ ...document, epcisBody: { eventList: [later] } }),
    });
    expect(captured.status).toBe(202);
    const shown = await pageOnceIt((text) => text.match(STEP)?.length === 6);
    expect(shown.match(STEP)).toHaveLength(6);
  });

  it('stops saying "not sealed" as soon as a step is anchored, and checks it afresh', async () => {
    expect(await html()).toContain('Not sealed yet');
    expect(await html()).not.toContain('Could not be checked just now');
    const { rows } = await db.query<{ event_hash: string }>(
      `SELECT e.event_hash FROM epcis_event e
         JOIN epcis_event_identifier i ON i.event_seq = e.seq
        WHERE i.identifier = $1 ORDER BY e.event_time LIMIT 1`,
      [lotDigitalLink(TEA_GTIN, teaLot(RUN))],
    );
    expect(rows).toHaveLength(1);
    await db.query(
      `UPDATE epcis_event SET anchor_status = 'anchored', batch_id = $2, leaf_index = 0,
              merkle_proof = '[]', merkle_root = 'root', tx_id = 'tx', block_number = 7,
              anchored_at = now(), anchored_by = 'Org1MSP'
        WHERE event_hash = $1`,
      [rows[0]?.event_hash, `batch-${RUN}`],
    );
    // Without a ledger, a sealed step cannot be checked: it must say so, not "not sealed".
    const shown = await pageOnceIt((text) => text.includes('Could not be checked just now'));
    expect(shown).toContain('Could not be checked just now');
  });

  it('hides every step as soon as the publication is withdrawn', async () => {
    expect((await html()).match(STEP)?.length).toBeGreaterThan(0);
    await served.unpublish();
    const shown = await pageOnceIt((text) => (text.match(STEP)?.length ?? 0) === 0);
    expect(shown.match(STEP)).toBeNull();
  });
});
