import { consumerPage, localTime, verificationPage, verdict } from './consumer-page';
import { ConsumerPageContent, JourneyStep } from './consumer-page';
import { escapeHtml } from './provenance';

const content: ConsumerPageContent = {
  gtin: '09520123456788',
  code: { kind: 'lot', value: '<script>alert(1)</script>' },
  product: { name: 'Jasmine tea', brand: 'Pujiang', certifications: ['Organic (CCIC)'] },
  temperatures: [
    { time: '2026-11-20T08:00:00Z', celsius: 3.5 },
    { time: '2026-11-20T09:00:00Z', celsius: 5 },
  ],
  steps: [
    {
      eventHash: 'ni:///sha-256;1?ver=CBV2.0',
      eventTime: '2026-11-20T07:01:00.000Z',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
      place: { name: 'Tea garden', latitude: 30.2, longitude: 120.1, timeZone: 'Asia/Shanghai' },
      company: 'Hangzhou Tea Co.',
      proof: { state: 'verified', blockNumber: 12 },
    },
    {
      eventHash: 'ni:///sha-256;2?ver=CBV2.0',
      eventTime: '2026-11-20T07:04:00.000Z',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
      place: { name: 'Port', latitude: 31.2, longitude: 121.5 },
      timeZoneOffset: '+08:00',
      proof: { state: 'pending' },
    },
  ],
};

describe('consumerPage', () => {
  it('names the product, places and companies, draws the route and the temperatures, escaping every value', () => {
    const html = consumerPage(content, 'en', '/01/09520123456788/10/x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<h1>Jasmine tea</h1>');
    expect(html).toContain('Tea garden · by Hangzhou Tea Co.');
    expect(html).toContain('1. Made');
    expect(html).toContain('2. Shipped');
    expect(html).toContain('Organic (CCIC)');
    expect(html).toContain('Not checked yet');
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('href="/verify/ni%3A%2F%2F%2Fsha-256%3B1%3Fver%3DCBV2.0?lang=en"');
    expect(html).toContain('href="/01/09520123456788/10/x?lang=zh"');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
  });

  it('speaks Simplified Chinese when asked', () => {
    const html = consumerPage(content, 'zh', '/p');
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('1. 生产');
    expect(html).toContain('尚未核验');
    expect(html).toContain('href="/p?lang=en"');
  });

  it('says so when a lot has no published step yet', () => {
    const html = consumerPage({ ...content, steps: [], temperatures: [] }, 'en', '/p');
    expect(html).toContain('No step has been published for this code yet.');
    expect(html).toContain('Nothing to check yet');
  });
});

describe('the page’s verdict and times', () => {
  it('lets one changed step outweigh all good ones', () => {
    const ok = { proof: { state: 'verified', blockNumber: 1 } } as const;
    expect(verdict([ok, ok])).toBe('verified');
    expect(verdict([ok, { proof: { state: 'pending' } }])).toBe('waiting');
    expect(verdict([ok, { proof: { state: 'not-verified' } }])).toBe('mismatch');
  });

  it('tells the time in the place’s zone, else at the event’s offset', () => {
    expect(
      localTime({ eventTime: '2026-11-20T07:01:00Z', place: { timeZone: 'Asia/Shanghai' } }, 'en'),
    ).toMatch(/15:01/);
    expect(
      localTime({ eventTime: '2026-11-20T07:01:00Z', timeZoneOffset: '-05:00' }, 'en'),
    ).toMatch(/02:01 UTC-05:00$/);
    expect(localTime({ eventTime: '2026-11-20T07:01:00Z' }, 'en')).toMatch(/07:01 UTC$/);
  });

  it('explains a step’s check in words and links the JSON', () => {
    const html = verificationPage(
      { eventHash: 'h', proof: { state: 'verified', blockNumber: 7 }, jsonHref: '/verify/h' },
      'en',
    );
    expect(html).toContain('Sealed and unchanged');
    expect(html).toContain('href="/verify/h" type="application/json"');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('says which device of which owner signed a step’s readings, and how many none vouched for', () => {
    const attested = {
      verdict: 'ATTESTED',
      reason: 'attested',
      deviceId: 'urn:epc:id:giai:4012345.RC-0001',
      ownerMspId: 'Org1MSP',
    } as const;
    const step: JourneyStep = {
      ...content.steps[0],
      attestations: [
        { ...attested, element: 0 },
        { ...attested, element: 1 },
        { element: 2, verdict: 'UNSIGNED', reason: 'the reading carries no <device> signature' },
      ],
    };
    const page = (language: 'en' | 'zh') =>
      consumerPage({ ...content, steps: [step] }, language, '/p');
    expect(page('en')).toContain(
      '2 readings signed by device urn:epc:id:giai:4012345.RC-0001 of Org1MSP',
    );
    expect(page('en')).toContain('A reading not signed by a registered device');
    expect(page('zh')).toContain('2 个读数由 Org1MSP 的设备 urn:epc:id:giai:4012345.RC-0001 签名');
  });
});
