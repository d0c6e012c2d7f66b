import fc from 'fast-check';
import {
  ContainerNumberError,
  containerCheckDigit,
  isNormalisedContainerNumber,
  isValidContainerNumber,
  normaliseContainerNumber,
  parseContainerNumber,
} from './container-number';

/** Letter values derived as the standard words it, independently of the module's table. */
function standardValue(char: string): number {
  if (/\d/.test(char)) return Number(char);
  let value = 9;
  for (let c = 65; c <= char.charCodeAt(0); c++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}

function remainder(firstTen: string): number {
  return [...firstTen].reduce((sum, c, i) => sum + standardValue(c) * 2 ** i, 0) % 11;
}

describe('ISO 6346 container numbers', () => {
  it.each([
    'CSQU3054383',
    'TCNU7200794',
    'TOLU4734787',
    'GYOU4047990',
    'ZEPU0037255',
    'MSKU9070323',
    'TGHU7761098',
    'HLXU1234561',
  ])('accepts the real number %s', (number) => {
    expect(isValidContainerNumber(number)).toBe(true);
  });

  it('splits the standard example into its parts', () => {
    expect(parseContainerNumber('CSQU3054383')).toEqual({
      value: 'CSQU3054383',
      ownerCode: 'CSQ',
      category: 'U',
      serialNumber: '305438',
      checkDigit: 3,
    });
  });

  it('normalises case and the spaces painted on the door', () => {
    expect(normaliseContainerNumber(' csqu 305438 3 ')).toBe('CSQU3054383');
    expect(parseContainerNumber('csqu 305438 3').value).toBe('CSQU3054383');
  });

  it('computes the check digit, including the remainder-10 case that gives 0', () => {
    expect(containerCheckDigit('CSQU305438')).toBe(3);
    expect(remainder('GYOU404799')).toBe(10);
    expect(containerCheckDigit('GYOU404799')).toBe(0);
    // C 13·1 + S 30·2 + Q 28·4 + U 32·8 + 7·512 = 4025 = 365 × 11 + 10.
    expect(containerCheckDigit('CSQU000007')).toBe(0);
  });

  it('takes as normalised only the upper-case number without spaces', () => {
    expect(isNormalisedContainerNumber('CSQU3054383')).toBe(true);
    expect(isNormalisedContainerNumber('csqu3054383')).toBe(false);
    expect(isNormalisedContainerNumber('CSQU 305438 3')).toBe(false);
    expect(isNormalisedContainerNumber('CSQU3054384')).toBe(false);
  });

  it('accepts the J and Z equipment categories', () => {
    for (const category of ['J', 'Z']) {
      const body = `ABC${category}123456`;
      expect(parseContainerNumber(`${body}${containerCheckDigit(body)}`).category).toBe(category);
    }
  });

  it.each([
    ['CSQU3054384', /check digit 4, expected 3/],
    ['MSKU9070320', /check digit 0, expected 3/],
    ['CSQU305438', /not an ISO 6346/],
    ['CSQU3054Z83', /not an ISO 6346/],
    ['CSQX3054383', /not an ISO 6346/],
    ['CS1U3054383', /not an ISO 6346/],
    ['CSQU30543830', /not an ISO 6346/],
  ])('rejects %s', (number, message) => {
    expect(() => parseContainerNumber(number)).toThrow(ContainerNumberError);
    expect(() => parseContainerNumber(number)).toThrow(message);
    expect(isValidContainerNumber(number)).toBe(false);
  });

  const letters = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  const validNumber = fc
    .tuple(
      fc.array(letters, { minLength: 3, maxLength: 3 }),
      fc.constantFrom('U', 'J', 'Z'),
      fc.stringMatching(/^\d{6}$/),
    )
    .map(([owner, category, serial]) => {
      const body = owner.join('') + category + serial;
      return body + String(containerCheckDigit(body));
    });
  const anyChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');

  it('every generated number is valid', () => {
    fc.assert(fc.property(validNumber, (n) => isValidContainerNumber(n)));
  });

  /*
   * One changed character makes the number invalid, except where ISO 6346 is blind: two
   * letters whose values differ by a multiple of 11 (A/K, C/M, A/U…) leave the mod-11 sum
   * unchanged, and remainders 0 and 10 share check digit 0. The property states exactly that.
   */
  it('flipping one character makes it invalid, or lands in one of the two known blind spots', () => {
    fc.assert(
      fc.property(validNumber, fc.nat(10), anyChar, (original, at, replacement) => {
        fc.pre(original[at] !== replacement);
        const flipped = original.slice(0, at) + replacement + original.slice(at + 1);
        const wellFormed = /^[A-Z]{3}[UJZ]\d{7}$/.test(flipped);
        const sameRemainder =
          at < 10 && (standardValue(replacement) - standardValue(original[at])) % 11 === 0;
        const [before, after] = [remainder(original.slice(0, 10)), remainder(flipped.slice(0, 10))];
        const zeroTen = at < 10 && before + after === 10 && before * after === 0;
        expect(isValidContainerNumber(flipped)).toBe(wellFormed && (sameRemainder || zeroTen));
      }),
      { numRuns: 2000 },
    );
  });

  it('a changed serial digit always changes the mod-11 remainder of the number', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 4, max: 9 }), fc.nat(9), (n, at, digit) => {
        fc.pre(n[at] !== String(digit));
        const flipped = n.slice(0, at) + String(digit) + n.slice(at + 1, 10);
        expect(remainder(flipped)).not.toBe(remainder(n.slice(0, 10)));
      }),
    );
  });

  it('a changed check digit is always caught', () => {
    fc.assert(
      fc.property(validNumber, fc.nat(9), (n, digit) => {
        fc.pre(n[10] !== String(digit));
        expect(isValidContainerNumber(n.slice(0, 10) + String(digit))).toBe(false);
      }),
    );
  });

  it('shows the letter blind spot on the standard example: MSQU3054383 is also valid', () => {
    expect(isValidContainerNumber('MSQU3054383')).toBe(true);
  });
});
