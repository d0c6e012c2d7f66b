import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { jsonChecksum } from './checksum';

/**
 * What checksum.spec.ts leaves to examples, over the whole value space: the checksum is
 * exactly SHA-256 of RFC 8785 output, numbers count by value whatever their spelling, and
 * strings by their bytes, with no Unicode normalisation. Key order is already a property
 * there ('survives key reordering and a JSON round trip').
 */

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Letters with and without combining marks, ligatures and full-width forms. */
const UNICODE_UNITS = [
  'a',
  'e',
  'n',
  'o',
  'A',
  ' ',
  'é',
  'ñ',
  'Å',
  'ö',
  'ç',
  '\u0301',
  '\u0303',
  '\u0308',
  '\u030a',
  '\u0327',
  'ﬁ',
  'Ａ',
  '한',
  '\u1100\u1161\u11ab',
  '\u2126', // OHM SIGN, NFC: GREEK CAPITAL LETTER OMEGA
  '\u212b', // ANGSTROM SIGN
];

/** Another JSON spelling of the same number. */
function respelled(value: number, form: number): string {
  const plain = JSON.stringify(value);
  const [mantissa = '', exponent = ''] = value.toExponential().split('e');
  switch (form) {
    case 0:
      return /[.e]/.test(plain) ? plain : `${plain}.0`;
    case 1:
      return `${mantissa.includes('.') ? mantissa : `${mantissa}.`}000e${exponent}`;
    case 2:
      return value.toExponential().toUpperCase();
    default:
      // More digits than a double holds: JSON.parse rounds them back to the same value.
      return value.toPrecision(25);
  }
}

describe('jsonChecksum properties', () => {
  it('is the SHA-256 of what canonicalize() writes, as 64 lower-case hex digits', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalize(value);
        expect(canonical).toBeDefined();
        const checksum = jsonChecksum(value);
        expect(checksum).toBe(sha256(canonical ?? ''));
        expect(checksum).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['1', '1.0'],
    ['100', '1e2'],
    ['100', '1E+2'],
    ['100', '100.000'],
    ['0.5', '5e-1'],
    ['0', '-0'],
    ['1000000000000000000000', '1e21'],
  ])('counts %s and %s as one number', (a, b) => {
    const parse = (n: string): unknown => JSON.parse(`{"amount":${n}}`);
    expect(jsonChecksum(parse(b))).toBe(jsonChecksum(parse(a)));
  });

  it('counts every JSON spelling of a number as that number, written as ECMAScript prints it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.nat(3), (value, form) => {
        const spelled: unknown = JSON.parse(`{"amount":${respelled(value, form)}}`);
        expect(jsonChecksum(spelled)).toBe(jsonChecksum({ amount: value }));
        // RFC 8785 3.2.2.3: the ECMAScript Number serialisation (-0 as 0).
        expect(jsonChecksum(spelled)).toBe(sha256(`{"amount":${String(value)}}`));
      }),
      { numRuns: 300 },
    );
  });

  it('does not normalise Unicode: canonically equivalent strings are different documents', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...UNICODE_UNITS), minLength: 1, maxLength: 12 }),
        fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD'),
        (text, form) => {
          const normalised = text.normalize(form);
          fc.pre(normalised !== text);
          expect(jsonChecksum({ partyName: normalised })).not.toBe(
            jsonChecksum({ partyName: text }),
          );
          expect(jsonChecksum({ [normalised]: 1 })).not.toBe(jsonChecksum({ [text]: 1 }));
          // The bytes hashed are the string's own UTF-8, untouched.
          expect(jsonChecksum({ partyName: text })).toBe(
            sha256(`{"partyName":${JSON.stringify(text)}}`),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
