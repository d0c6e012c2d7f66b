import { randomBytes } from 'node:crypto';
import { AiValue, compressDigitalLink } from '@pujiang/standards';
import { Client } from 'pg';
import { toString as qrSvg } from 'qrcode';
import { ServedTeaLot, servedTeaLot } from '../../../../../test/support/served-tea-lot';
import { ORG1_PACKER, bearer } from '../../../../../test/support/stack-tokens';
import {
  TEA_GTIN,
  TEA_MASTER_DATA,
  TEA_REGION,
  teaDocument,
  teaLot,
} from '../testing/consumer-page.fixture';

const RUN = randomBytes(3).toString('hex');

describe('the consumer page and master data (real PostgreSQL and Kafka)', () => {
  let served: ServedTeaLot;
  let url: string;
  let db: Client;
  let packer: { authorization: string };
  const page = `/01/${TEA_GTIN}/10/${teaLot(RUN)}`;

  beforeAll(async () => {
    process.env.MASTER_DATA_COMPANY_PREFIXES = 'Org1MSP:4012345|952012,Org2MSP:0614141';
    process.env.CONSUMER_PAGE_BASE_URL = 'https://trace.example.com';
    process.env.CONSUMER_PAGE_QR_FORM = 'compressed';
    served = await servedTeaLot(RUN, `cp-${RUN}`);
    ({ url, db, packer } = served);
  });

  afterAll(async () => {
    delete process.env.CONSUMER_PAGE_QR_FORM;
    await served?.close();
  });

  it('finds a lot written as an EPC URN with characters Digital Link percent-encodes (issue 18)', async () => {
    const trace = await fetch(
      `${url}/trace?gtin=${TEA_GTIN}&lot=${encodeURIComponent(teaLot(RUN))}`,
      {
        headers: packer,
      },
    );
    const graph = (await trace.json()) as { edges: unknown[] };
    expect(graph.edges.length).toBeGreaterThan(0);
    const html = await (await fetch(`${url}${page}`)).text();
    expect(html.match(/<li><span class="step">/g)).toHaveLength(5);
  });

  it('names the product, places and companies from the header’s master data, in English and Chinese', async () => {
    const en = await fetch(`${url}${page}`, { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(en.headers.get('content-language')).toBe('en');
    const html = await en.text();
    expect(html).toContain('<h1>West Lake Jasmine Tea</h1>');
    expect(html).toContain('Pujiang Gardens');
    expect(html).toContain('250 GRM');
    expect(html).toContain('Meijiawu tea garden · by Pujiang Tea Co.');
    expect(html).toContain('Teehaus Mitte · by Teehaus GmbH');
    expect(html).toContain('EU Organic (DE-ÖKO-001)');
    // Steps in their places' zones: 07:30 in Hangzhou, 16:45 in Berlin.
    expect(html).toMatch(/10 Nov 2026, 07:30 GMT\+8/);
    expect(html).toMatch(/27 Nov 2026, 16:45 CET/);
    expect(html).toContain('3.6 and 5.1 °C');
    expect(html).toContain('Not checked yet');
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    expect(html).not.toMatch(/(src|href|xlink:href)="(https?:)?\/\//);

    const zh = await fetch(`${url}${page}`, {
      headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
    });
    const zhHtml = await zh.text();
    expect(zhHtml).toContain('<html lang="zh-Hans">');
    expect(zhHtml).toContain('1. 生产');
    const chosen = await (
      await fetch(`${url}${page}?lang=en`, { headers: { 'accept-language': 'zh' } })
    ).text();
    expect(chosen).toContain('<html lang="en">');
  });

  it('answers as a GS1 Digital Link resolver: linkset, link types, HEAD, OPTIONS, CORS, gzip, QR codes', async () => {
    const linkset = await fetch(`${url}${page}?linkType=all`);
    expect(linkset.headers.get('content-type')).toMatch(/^application\/linkset\+json/);
    expect(JSON.stringify(await linkset.json())).toContain('https://gs1.org/voc/defaultLink');
    const events = await fetch(`${url}${page}?linkType=gs1:traceability`, { redirect: 'manual' });
    expect(events.status).toBe(307);
    expect(events.headers.get('location')).toContain('/events?MATCH_anyEPCClass=');
    const head = await fetch(`${url}${page}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('access-control-allow-origin')).toBe('*');
    const options = await fetch(`${url}${page}`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const gzipped = await fetch(`${url}${page}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toContain('West Lake Jasmine Tea');
    const png = await fetch(`${url}/qr${page}?format=png`, { headers: { host: 'evil.example' } });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const svg = await fetch(`${url}/qr${page}`);
    expect(await svg.text()).toMatch(/^<svg/);
    expect((await fetch(`${url}/qr${page}?format=gif`)).status).toBe(400);
  });

  it('resolves a GTIN alone, a GTIN with a serial, and an SSCC, refusing malformed keys', async () => {
    const product = await (await fetch(`${url}/01/${TEA_GTIN}`)).text();
    expect(product).toContain('<h1>West Lake Jasmine Tea</h1>');
    expect(product).toContain('This code names the product, not one batch of it.');
    const item = await fetch(`${url}/01/${TEA_GTIN}/21/S(${RUN})`);
    expect(item.status).toBe(200);
    expect(await item.text()).toContain('<dt>Serial number</dt><dd>S(' + RUN + ')</dd>');
    const unit = await fetch(`${url}/00/340123450000000017`, {
      headers: { 'accept-language': 'zh' },
    });
    expect(await unit.text()).toContain('物流单元（SSCC）');
    const unitLinks = await fetch(`${url}/00/340123450000000017?linkType=all`);
    expect(JSON.stringify(await unitLinks.json())).toContain('MATCH_anyEPC=');
    expect((await fetch(`${url}/00/340123450000000018`)).status).toBe(400);
    expect((await fetch(`${url}/01/${TEA_GTIN}/21/${'x'.repeat(21)}`)).status).toBe(400);
    expect((await fetch(`${url}/01/${TEA_GTIN}`, { method: 'OPTIONS' })).status).toBe(204);
  });

  it('resolves a compressed Digital Link exactly as its uncompressed twin, and prints it on request', async () => {
    const lot = { ai: '01', value: TEA_GTIN };
    const twins: [AiValue[], string][] = [
      [[lot, { ai: '10', value: teaLot(RUN) }], page],
      [[lot], `/01/${TEA_GTIN}`],
      [[lot, { ai: '21', value: `S(${RUN})` }], `/01/${TEA_GTIN}/21/S(${RUN})`],
      [[{ ai: '00', value: '340123450000000017' }], '/00/340123450000000017'],
    ];
    for (const [elements, twin] of twins) {
      const compressed = await fetch(`${url}/${compressDigitalLink(elements)}`);
      expect(compressed.status).toBe(200);
      expect(await compressed.text()).toBe(await (await fetch(`${url}${twin}`)).text());
    }
    // Data attributes and other pairs travel inside; the request's own query joins them.
    const withQuery = compressDigitalLink(
      [lot, { ai: '10', value: teaLot(RUN) }, { ai: '17', value: '261231' }],
      [['linkType', 'all']],
    );
    expect(await (await fetch(`${url}/${withQuery}`)).json()).toEqual(
      await (await fetch(`${url}${page}?17=261231&linkType=all`)).json(),
    );
    const chinese = compressDigitalLink([lot, { ai: '10', value: teaLot(RUN) }]);
    expect(await (await fetch(`${url}/${chinese}?lang=zh`)).text()).toContain(
      '<html lang="zh-Hans">',
    );
    expect((await fetch(`${url}/${chinese}`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${url}/${chinese}`, { method: 'OPTIONS' })).status).toBe(204);

    for (const bad of ['AAAA', 'ARHKVAdpQh', 'DBHKVAdp.QgqrCg', compressWrongGtin()]) {
      const refused = await fetch(`${url}/${bad}`);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    const cpv = await fetch(`${url}/${compressDigitalLink([lot, { ai: '22', value: 'RED' }])}`);
    expect(cpv.status).toBe(404);
    expect(cpv.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // CONSUMER_PAGE_QR_FORM=compressed: the code carries the compressed link on the public base.
    const qr = await (await fetch(`${url}/qr${page}`)).text();
    expect(qr).toBe(
      await qrSvg(`https://trace.example.com/${chinese}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
      }),
    );
  });

  it('explains a step’s check to a person and gives software the JSON', async () => {
    const html = await (await fetch(`${url}${page}`)).text();
    const href = /href="(\/verify\/[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const person = await fetch(`${url}${href}`, { headers: { accept: 'text/html,*/*' } });
    expect(person.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await person.text()).toContain('Not sealed yet');
    const machine = await fetch(`${url}${href}`, { headers: { accept: 'application/json' } });
    expect(await machine.json()).toMatchObject({ anchorStatus: 'pending' });
  });

  it('queries events by master data: WD_ down its hierarchy, HASATTR_ and EQATTR_', async () => {
    const lot = `MATCH_anyEPCClass=${encodeURIComponent(`urn:epc:class:lgtin:4012345.012345.${teaLot(RUN)}`)}`;
    const count = async (query: string) => {
      const res = await fetch(`${url}/events?${lot}&${query}`, { headers: packer });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        epcisBody: { queryResults: { resultsBody: { eventList: unknown[] } } };
      };
      return body.epcisBody.queryResults.resultsBody.eventList.length;
    };
    const mda = (term: string) => encodeURIComponent(`urn:epcglobal:cbv:mda#${term}`);
    expect(await count(`WD_bizLocation=${encodeURIComponent(TEA_REGION)}`)).toBe(3);
    expect(await count(`EQ_bizLocation=${encodeURIComponent(TEA_REGION)}`)).toBe(0);
    expect(await count(`EQATTR_bizLocation_${mda('city')}=Berlin|Hamburg`)).toBe(2);
    expect(await count(`EQATTR_readPoint_${mda('countryCode')}=CN`)).toBe(3);
    expect(
      await count(`HASATTR_bizLocation=${encodeURIComponent('urn:pujiang:mda#timeZone')}`),
    ).toBe(5);
    expect(await count(`HASATTR_bizLocation=${mda('postalCode')}`)).toBe(0);
    const bad = await fetch(`${url}/events?EQATTR_bizStep_x=1`, { headers: packer });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('lets an organisation describe only its own company prefixes, and changes nothing when refused', async () => {
    const foreign = {
      vocabularyList: [
        {
          type: 'urn:epcglobal:epcis:vtype:BusinessLocation',
          vocabularyElementList: [
            {
              id: 'urn:epc:id:sgln:0614141.00001.0',
              attributes: [{ id: 'urn:epcglobal:cbv:mda#name', attribute: 'Not mine' }],
            },
          ],
        },
      ],
    };
    const post = (body: unknown, principal = packer) =>
      fetch(`${url}/masterData`, {
        method: 'POST',
        headers: { ...principal, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const refused = await post(foreign);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const lookup = `${url}/masterData?id=${encodeURIComponent('urn:epc:id:sgln:0614141.00001.0')}`;
    expect((await fetch(lookup, { headers: packer })).status).toBe(404);

    // A document whose header describes another company's place stores none of its events.
    const before = await db.query(`SELECT count(*) FROM epcis_event`);
    const document = { ...teaDocument(`${RUN}x`), epcisHeader: { epcisMasterData: foreign } };
    const capture = await fetch(`${url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(document),
    });
    expect(capture.status).toBe(403);
    expect((await db.query(`SELECT count(*) FROM epcis_event`)).rows).toEqual(before.rows);

    const malformed = await post({
      vocabularyList: [{ type: 'x', vocabularyElementList: [{ attributes: [] }] }],
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      errors: [{ pointer: '/vocabularyList/0/vocabularyElementList/0/id' }],
    });

    const noRole = await bearer({ ...ORG1_PACKER, roles: ['trace:query'] });
    expect((await post(TEA_MASTER_DATA, noRole)).status).toBe(403);
    expect((await fetch(`${url}/masterData`, { method: 'POST' })).status).toBe(401);

    const mine = await post(TEA_MASTER_DATA);
    expect(mine.status).toBe(201);
    expect(await mine.json()).toEqual({ elementCount: 8 });
    const garden = await fetch(
      `${url}/masterData?id=${encodeURIComponent('urn:epc:id:sgln:4012345.00001.0')}`,
      { headers: packer },
    );
    expect(await garden.json()).toMatchObject({
      attributes: { 'urn:epcglobal:cbv:mda#name': 'Meijiawu tea garden' },
    });
  });
});

/** GTIN 04012345123456 with a wrong last digit, written bit by bit as GS1 compression does. */
function compressWrongGtin(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bitString = ('00000001' + BigInt('04012345123457').toString(2).padStart(47, '0')).padEnd(
    60,
    '0',
  );
  return Array.from(
    { length: 10 },
    (_, i) => alphabet[parseInt(bitString.slice(6 * i, 6 * i + 6), 2)],
  ).join('');
}
