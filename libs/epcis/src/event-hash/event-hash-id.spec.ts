import { createHash } from 'node:crypto';
import { eventHashDigest, eventHashIdOfDigest, preHashToHashId } from './event-hash-id';

const digest = createHash('sha256').update('eventType=ObjectEvent', 'utf8').digest('hex');

describe('event hash ID and its digest', () => {
  it('writes the digest in the ni: form of CBV 2.0', () => {
    expect(preHashToHashId('eventType=ObjectEvent')).toBe(`ni:///sha-256;${digest}?ver=CBV2.0`);
    expect(eventHashIdOfDigest(digest)).toBe(preHashToHashId('eventType=ObjectEvent'));
  });

  it('reads back the digest the ledger anchors', () => {
    expect(eventHashDigest(eventHashIdOfDigest(digest))).toBe(digest);
    expect(eventHashDigest(`NI:///SHA-256;${digest.toUpperCase()}?ver=CBV2.0`)).toBe(digest);
  });

  it('refuses what is not an event hash ID or a digest', () => {
    expect(() => eventHashDigest('urn:uuid:6f1c…')).toThrow('not an event hash ID');
    expect(() => eventHashDigest('ni:///sha-256;abc?ver=CBV2.0')).toThrow('not an event hash ID');
    expect(() => eventHashIdOfDigest(digest.toUpperCase())).toThrow(RangeError);
  });
});
