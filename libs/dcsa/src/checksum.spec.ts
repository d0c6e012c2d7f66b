import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { bytesChecksum, isSha256Hex, jsonChecksum, signedContentChecksum } from './checksum';

const MESSAGES = join(__dirname, '../../../test/fixtures/dcsa/messages');

/** The same JSON with every object's keys in another order, decided by `seed`. */
function reordered(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => reordered(v, seed + i + 1));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const shift = entries.length === 0 ? 0 : Math.abs(seed) % entries.length;
  const rotated = [...entries.slice(shift), ...entries.slice(0, shift)];
  const order = seed % 2 === 0 ? rotated.reverse() : rotated;
  // fromEntries, not assignment: a "__proto__" key must stay an own property.
  return Object.fromEntries(order.map(([k, v]) => [k, reordered(v, seed * 31 + k.length)]));
}

describe('jsonChecksum', () => {
  it('is the SHA-256 of the RFC 8785 canonical form', () => {
    const value = { c: { z: 0.5, y: 'x' }, b: 1.0, a: [true, null, 'é', 1e21] };
    // Written by hand: keys sorted, no spaces, 1.0 as 1, 1e21 as ECMAScript prints it.
    const canonical = '{"a":[true,null,"é",1e+21],"b":1,"c":{"y":"x","z":0.5}}';
    const expected = '3fc1dc236ad3a8dac8c90b8405f4f682fce038119b77c248b4842fcd2b91ec0c';
    expect(createHash('sha256').update(canonical, 'utf8').digest('hex')).toBe(expected);
    expect(jsonChecksum(value)).toBe(expected);
  });

  it('is 64 lower-case hex digits, as DCSA’s DocumentChecksum schema requires', () => {
    const sample: unknown = JSON.parse(
      readFileSync(join(MESSAGES, 'ebl-api-3.0.0-straight-bl.json'), 'utf8'),
    );
    expect(isSha256Hex(jsonChecksum(sample))).toBe(true);
  });

  it('does not change when a document’s keys are reordered, and does when a value changes', () => {
    const sample = JSON.parse(
      readFileSync(join(MESSAGES, 'ebl-api-3.0.0-negotiable-bl.json'), 'utf8'),
    ) as Record<string, unknown>;
    const shuffled = reordered(sample, 7);
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(sample));
    expect(jsonChecksum(shuffled)).toBe(jsonChecksum(sample));
    expect(jsonChecksum({ ...sample, isToOrder: false })).not.toBe(jsonChecksum(sample));
  });

  it('property: survives key reordering and a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        const travelled: unknown = JSON.parse(JSON.stringify(reordered(value, seed)));
        expect(jsonChecksum(travelled)).toBe(jsonChecksum(value));
      }),
      { numRuns: 300 },
    );
  });
});

describe('signedContentChecksum', () => {
  const jws = 'eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2lnbmF0dXJl';

  it('hashes the compact JWS exactly as sent', () => {
    expect(signedContentChecksum(jws)).toBe(createHash('sha256').update(jws).digest('hex'));
  });

  it('differs from the canonical-JSON checksum, which would hash the quotes too', () => {
    expect(signedContentChecksum(jws)).not.toBe(jsonChecksum(jws));
  });
});

describe('bytesChecksum', () => {
  it('hashes the decoded bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(bytesChecksum(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('isSha256Hex', () => {
  it('takes only the 64 lower-case hex digits DCSA’s checksum fields require', () => {
    expect(isSha256Hex('0123456789abcdef'.repeat(4))).toBe(true);
    expect(isSha256Hex('A'.repeat(64))).toBe(false);
    expect(isSha256Hex('a'.repeat(63))).toBe(false);
    expect(isSha256Hex('a'.repeat(65))).toBe(false);
    expect(isSha256Hex(7)).toBe(false);
  });
});
