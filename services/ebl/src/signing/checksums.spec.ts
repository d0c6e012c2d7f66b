import { createHash } from 'node:crypto';
import { decodeBase64Content, encodeBase64Content } from './base64-content';
import { bytesChecksum, isSha256Hex, jsonChecksum, signedContentChecksum } from './checksums';

describe('DCSA checksums', () => {
  it('takes a JSON checksum over the canonical form (key order does not matter)', () => {
    expect(jsonChecksum({ b: 1, a: [true, null] })).toBe(jsonChecksum({ a: [true, null], b: 1 }));
    expect(jsonChecksum({ a: 1 })).toBe(createHash('sha256').update('{"a":1}').digest('hex'));
  });

  it('takes a signed content checksum over the JWS string itself, not a JSON string of it', () => {
    const jws = 'eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln';
    expect(signedContentChecksum(jws)).toBe(createHash('sha256').update(jws).digest('hex'));
    expect(signedContentChecksum(jws)).not.toBe(jsonChecksum(jws));
  });

  it('takes a document checksum over the decoded bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(bytesChecksum(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('recognises the checksum form DCSA requires', () => {
    expect(isSha256Hex(jsonChecksum(1))).toBe(true);
    expect(isSha256Hex('A'.repeat(64))).toBe(false);
    expect(isSha256Hex('a'.repeat(63))).toBe(false);
    expect(isSha256Hex(7)).toBe(false);
  });
});

describe('Base64 document content', () => {
  it('decodes canonical Base64 and encodes back to the same text', () => {
    const text = encodeBase64Content(new Uint8Array([104, 105, 33]));
    expect(text).toBe('aGkh');
    expect(decodeBase64Content(text)).toEqual(new Uint8Array([104, 105, 33]));
    expect(decodeBase64Content('aGk=')).toEqual(new Uint8Array([104, 105]));
  });

  it.each(['aGk', 'aG k=', 'aGk!', 'aGk-', 'aGk_'])('refuses %p rather than guess', (text) => {
    expect(decodeBase64Content(text)).toBeUndefined();
  });
});
