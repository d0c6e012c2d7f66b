import { blockDataHash, blockHeaderBytes, sha256 } from './block-header';

const hash = (byte: number) => Buffer.alloc(32, byte);

/** Fabric's block header as Go's asn1.Marshal writes it: the bytes its hash chain and signatures cover. */
describe('block header bytes', () => {
  it('encodes block 0 with an empty previous hash as SEQUENCE { INTEGER 0, OCTET STRING, OCTET STRING }', () => {
    const bytes = blockHeaderBytes(0n, Buffer.alloc(0), hash(0xaa));
    expect(bytes.subarray(0, 9).toString('hex')).toBe('302702010004000420');
    expect(bytes.length).toBe(2 + 3 + 2 + 34);
    expect(bytes.subarray(9)).toEqual(hash(0xaa));
  });

  it('pads a number whose top bit is set, so it does not read as negative', () => {
    expect(blockHeaderBytes(128n, hash(1), hash(2)).subarray(2, 6).toString('hex')).toBe(
      '02020080',
    );
    expect(blockHeaderBytes(255n, hash(1), hash(2)).subarray(2, 6).toString('hex')).toBe(
      '020200ff',
    );
    expect(blockHeaderBytes(256n, hash(1), hash(2)).subarray(2, 6).toString('hex')).toBe(
      '02020100',
    );
  });

  it('uses the long length form once a sequence passes 127 bytes', () => {
    const bytes = blockHeaderBytes(1n, Buffer.alloc(100, 1), hash(2));
    expect(bytes.subarray(0, 2).toString('hex')).toBe('3081');
    expect(bytes[2]).toBe(bytes.length - 3);
  });

  it('hashes block data as its envelopes end to end', () => {
    const a = Buffer.from('first');
    const b = Buffer.from('second');
    expect(blockDataHash([a, b])).toEqual(sha256(Buffer.from('firstsecond')));
  });
});
