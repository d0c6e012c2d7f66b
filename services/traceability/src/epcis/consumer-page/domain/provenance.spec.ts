import { escapeHtml, provenancePage } from './provenance';

describe('provenancePage', () => {
  it('lists each step with its place and the verdict of its proof, escaping every value', () => {
    const html = provenancePage({
      gtin: '09520123456788',
      lot: '<script>alert(1)</script>',
      steps: [
        {
          eventHash: 'ni:///sha-256;1?ver=CBV2.0',
          eventTime: '2026-11-20T07:01:00.000Z',
          bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
          place: 'https://id.gs1.org/414/9520123456788',
          proof: { state: 'verified', blockNumber: 12 },
        },
        {
          eventHash: 'ni:///sha-256;2?ver=CBV2.0',
          eventTime: '2026-11-20T07:04:00.000Z',
          bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
          place: null,
          proof: { state: 'pending' },
        },
        {
          eventHash: 'ni:///sha-256;3?ver=CBV2.0',
          eventTime: '2026-11-20T07:05:00.000Z',
          bizStep: 'https://ref.gs1.org/cbv/BizStep-receiving',
          place: null,
          proof: { state: 'not-verified' },
        },
      ],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('commissioning at https://id.gs1.org/414/9520123456788');
    expect(html).toContain('verified on the ledger, block 12');
    expect(html).toContain('href="/verify/ni%3A%2F%2F%2Fsha-256%3B1%3Fver%3DCBV2.0"');
    expect(html).toContain('shipping · awaiting the ledger');
    expect(html).toContain('receiving · <strong>not verified</strong>');
  });

  it('says so when a lot has no events yet', () => {
    expect(provenancePage({ gtin: '1', lot: 'x', steps: [] })).toContain('No traceability events');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('says which device of which owner attested a step’s readings, and why one was not', () => {
    const html = provenancePage({
      gtin: '09520123456788',
      lot: 'L1',
      steps: [
        {
          eventHash: 'ni:///sha-256;1?ver=CBV2.0',
          eventTime: '2026-11-20T07:01:00.000Z',
          bizStep: 'transporting',
          place: null,
          proof: { state: 'verified', blockNumber: 7 },
          attestations: [
            {
              element: 0,
              verdict: 'ATTESTED',
              reason: 'attested',
              deviceId: 'urn:epc:id:giai:4012345.RC-0001',
              ownerMspId: 'Org1MSP',
            },
            {
              element: 1,
              verdict: 'UNSIGNED',
              reason: 'the reading carries no <device> signature',
            },
          ],
        },
      ],
    });
    expect(html).toContain('reading attested by device urn:epc:id:giai:4012345.RC-0001 of Org1MSP');
    expect(html).toContain(
      'reading not attested by a registered device: the reading carries no &lt;device&gt; signature',
    );
    expect(html).toContain('verified on the ledger, block 7');
  });
});
