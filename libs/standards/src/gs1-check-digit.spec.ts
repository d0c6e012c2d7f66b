import fc from 'fast-check';
import { gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from './gs1-check-digit';

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const withCheckDigit = (payload: string): string => payload + gs1CheckDigit(payload);
const gtin14 = digits(13, 13).map(withCheckDigit);

describe('GS1 check digit', () => {
  it.each([
    '09506000134352',
    '04012345123456',
    '4012345000009',
    '106141410734640',
    '00614141123452',
  ])('accepts %s', (key) => {
    expect(hasValidCheckDigit(key.length === 15 ? key.slice(0, 14) : key)).toBe(true);
  });

  it.each(['09506000134353', '0', '', '0950600013435x'])('refuses %p', (key) => {
    expect(hasValidCheckDigit(key)).toBe(false);
  });

  it('rejects any single-digit error', () => {
    fc.assert(
      fc.property(gtin14, fc.nat(13), fc.integer({ min: 1, max: 9 }), (gtin, at, delta) => {
        const wrong = gtin.slice(0, at) + ((Number(gtin[at]) + delta) % 10) + gtin.slice(at + 1);
        expect(isValidGtin(wrong)).toBe(false);
      }),
    );
  });

  it('survives zero padding, so GTIN-8/12/13 keep their check digit as GTIN-14', () => {
    fc.assert(
      fc.property(digits(7, 12), (payload) => {
        const gtin = withCheckDigit(payload);
        fc.pre([8, 12, 13].includes(gtin.length));
        expect(isValidGtin(toGtin14(gtin))).toBe(true);
      }),
    );
  });
});
