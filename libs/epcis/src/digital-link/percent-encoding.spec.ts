import { decodeAiValue, encodeAiValue, recodeAiValue } from './percent-encoding';

/** GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1). */
const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;

describe('encodeAiValue', () => {
  // Every CSET 82 symbol: GS1 Digital Link 1.2 lets `-`, `.` and `_` stand, escapes the rest.
  it.each([
    ['!', '%21'],
    ['"', '%22'],
    ['%', '%25'],
    ['&', '%26'],
    ["'", '%27'],
    ['(', '%28'],
    [')', '%29'],
    ['*', '%2A'],
    ['+', '%2B'],
    [',', '%2C'],
    ['-', '-'],
    ['.', '.'],
    ['/', '%2F'],
    [':', '%3A'],
    [';', '%3B'],
    ['<', '%3C'],
    ['=', '%3D'],
    ['>', '%3E'],
    ['?', '%3F'],
    ['_', '_'],
  ])('writes %s as %s', (character, written) => {
    expect(encodeAiValue(character)).toBe(written);
  });

  it('lets letters and digits stand', () => {
    const alphanumerics = CSET82.replace(/[^A-Za-z0-9]/g, '');
    expect(encodeAiValue(alphanumerics)).toBe(alphanumerics);
  });

  it('writes nothing but RFC 3986 unreserved characters and upper-case escapes', () => {
    expect(encodeAiValue(CSET82)).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+$/);
  });

  it('escapes text beyond ASCII as its UTF-8 octets', () => {
    expect(encodeAiValue('批次')).toBe('%E6%89%B9%E6%AC%A1');
  });
});

describe('decodeAiValue', () => {
  it('reads every spelling of a value alike', () => {
    for (const spelling of ['A/B', 'A%2FB', 'A%2fB', '%41%2F%42']) {
      expect(decodeAiValue(spelling)).toBe('A/B');
    }
  });

  it('is undefined for a broken escape', () => {
    expect(decodeAiValue('A%2')).toBeUndefined();
    expect(decodeAiValue('%FF')).toBeUndefined();
  });
});

describe('recodeAiValue', () => {
  it('respells a segment canonically', () => {
    expect(recodeAiValue("LOT(2026)-A;x=1'")).toBe('LOT%282026%29-A%3Bx%3D1%27');
    expect(recodeAiValue('%4c%6f%74%2f1')).toBe('Lot%2F1');
  });

  it('is undefined for what has no URI spelling', () => {
    expect(recodeAiValue('A%G1')).toBeUndefined();
    expect(recodeAiValue('\uD800')).toBeUndefined();
  });
});
