import { createHash } from 'node:crypto';

/**
 * Fabric hashes a block header as the DER encoding of
 * SEQUENCE { number INTEGER, previousHash OCTET STRING, dataHash OCTET STRING }
 * (Go's asn1.Marshal of its asn1Header), not as protobuf: the next block's
 * previous hash and the orderers' signatures both cover these bytes.
 */
export function blockHeaderBytes(
  number: bigint,
  previousHash: Uint8Array,
  dataHash: Uint8Array,
): Buffer {
  return derSequence([derInteger(number), derOctets(previousHash), derOctets(dataHash)]);
}

export function blockHeaderHash(
  number: bigint,
  previousHash: Uint8Array,
  dataHash: Uint8Array,
): Buffer {
  return sha256(blockHeaderBytes(number, previousHash, dataHash));
}

/** Fabric 2+ hashes a block's data as the SHA-256 of its envelopes' bytes end to end. */
export function blockDataHash(envelopes: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const envelope of envelopes) hash.update(envelope);
  return hash.digest();
}

export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function derInteger(value: bigint): Buffer {
  if (value < 0n) throw new RangeError('a block number is never negative');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let body = Buffer.from(hex, 'hex');
  // A leading bit of 1 would read as negative: DER pads it with a zero byte.
  if ((body[0] ?? 0) & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return derElement(0x02, body);
}

function derOctets(value: Uint8Array): Buffer {
  return derElement(0x04, Buffer.from(value));
}

function derSequence(elements: readonly Buffer[]): Buffer {
  return derElement(0x30, Buffer.concat(elements));
}

function derElement(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  let hex = length.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from([0x80 | bytes.length]), bytes]);
}
