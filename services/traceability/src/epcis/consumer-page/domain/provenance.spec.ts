import { escapeHtml, provenancePage } from './provenance';

describe('provenancePage', () => {
  it('lists each step with its place and ledger state, escaping every value', () => {
    const html = provenancePage({
      gtin: '09520123456788',
      lot: '<script>alert(1)</script>',
      steps: [
        {
          eventID: 'urn:uuid:1',
          eventTime: '2026-11-20T07:01:00.000Z',
          bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
          place: 'https://id.gs1.org/414/9520123456788',
          anchored: { txId: 'a'.repeat(64), blockNumber: 12 },
        },
        {
          eventID: 'urn:uuid:2',
          eventTime: '2026-11-20T07:04:00.000Z',
          bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
          place: null,
          anchored: null,
        },
      ],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('commissioning at https://id.gs1.org/414/9520123456788');
    expect(html).toContain('anchored in block 12');
    expect(html).toContain('href="/events/urn%3Auuid%3A1/proof"');
    expect(html).toContain('shipping · awaiting the ledger');
  });

  it('says so when a lot has no events yet', () => {
    expect(provenancePage({ gtin: '1', lot: 'x', steps: [] })).toContain('No traceability events');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
