import { AT, EVENTS, VISIBILITY_CASES } from '../testing/visibility-cases';
import { mayView, tradeItemsOf } from './visibility';

describe('mayView', () => {
  it.each(VISIBILITY_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(mayView(c.viewer, EVENTS[c.event], c.grants, AT)).toBe(c.visible);
  });
});

describe('tradeItemsOf', () => {
  it('reads GTIN-14 and lot from canonical Digital Links, and nothing from other identifiers', () => {
    expect(
      tradeItemsOf([
        'https://id.gs1.org/01/09520123456788/10/LOT%282026%29',
        'https://id.gs1.org/01/09520123456788/21/S1',
        'https://id.gs1.org/01/09520123456788',
        'https://id.gs1.org/00/095201234567890128',
        'https://example.com/01/09520123456788',
        'urn:epcglobal:cbv:bt:9520123456788:PO1',
      ]),
    ).toEqual([
      { gtin14: '09520123456788', lot: 'LOT(2026)' },
      { gtin14: '09520123456788' },
      { gtin14: '09520123456788' },
    ]);
  });
});
