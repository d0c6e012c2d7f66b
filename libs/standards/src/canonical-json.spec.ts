import { canonicalJson, canonicalSha256 } from './canonical-json';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys and drops insignificant whitespace', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: 'x' })).toBe(
      '{"a":"x","b":[1,{"c":2,"d":1}]}',
    );
  });

  it('serialises numbers in their shortest ECMAScript form', () => {
    expect(canonicalJson({ n: 1.0, m: 1e21, s: 0.000001 })).toBe('{"m":1e+21,"n":1,"s":0.000001}');
  });

  it('gives the same digest whatever the key order', () => {
    expect(canonicalSha256({ a: 1, b: 2 })).toBe(canonicalSha256({ b: 2, a: 1 }));
    expect(canonicalSha256({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
