import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import {
  AiValue,
  DigitalLinkCompressionError,
  compressDigitalLink,
  decompressDigitalLink,
} from './gs1-digital-link-compression';

interface Example {
  from: string;
  uncompressed: string;
  compressed: string;
  optimised?: boolean;
}

/** GS1's own examples (test/fixtures/gs1-digital-link-compression, Apache-2.0). */
const EXAMPLES = (
  JSON.parse(
    readFileSync(
      join(__dirname, '../../../test/fixtures/gs1-digital-link-compression/examples.json'),
      'utf8',
    ),
  ) as { examples: Example[] }
).examples;

/** An uncompressed example's AIs (path, then query) and its other pairs, as GS1's toolkit reads them. */
function parts(uri: string): { elements: AiValue[]; others: [string, string][] } {
  const url = new URL(uri);
  const segments = url.pathname.split('/').slice(1);
  const elements: AiValue[] = [];
  for (let i = 0; i < segments.length; i += 2) {
    elements.push({ ai: segments[i], value: decodeURIComponent(segments[i + 1]) });
  }
  const others: [string, string][] = [];
  for (const [key, value] of url.searchParams) {
    if (/^\d+$/.test(key)) elements.push({ ai: key, value });
    else others.push([key, value]);
  }
  return { elements, others };
}

const segmentOf = (uri: string) => new URL(uri).pathname.slice(1);
const byAi = (elements: readonly AiValue[]) =>
  [...elements].sort((a, b) => a.ai.localeCompare(b.ai));

describe('GS1 Digital Link compression', () => {
  describe.each(EXAMPLES)('GS1 example: $from', (example) => {
    it('decompresses to its uncompressed twin', () => {
      const { elements, others } = parts(example.uncompressed);
      const decompressed = decompressDigitalLink(segmentOf(example.compressed));
      expect(byAi(decompressed.elements)).toEqual(byAi(elements));
      expect(decompressed.others).toEqual(others);
    });

    if (example.optimised !== false) {
      it('compresses to the same characters as GS1’s toolkit', () => {
        const { elements, others } = parts(example.uncompressed);
        expect(compressDigitalLink(elements, others)).toBe(segmentOf(example.compressed));
      });
    }
  });

  it('keeps an SSCC whole (18 digits are past what a double holds exactly)', () => {
    const sscc = [{ ai: '00', value: '106141412345678908' }];
    const compressed = compressDigitalLink(sscc);
    // 8 bits of AI, 60 bits of value, padded to 72: 12 characters.
    expect(compressed).toHaveLength(12);
    expect(decompressDigitalLink(compressed).elements).toEqual(sscc);
  });

  it.each([
    [
      'a lot with leading zeros',
      [
        { ai: '01', value: '09520123456788' },
        { ai: '10', value: '0042' },
      ],
    ],
    [
      'a 20-digit lot',
      [
        { ai: '01', value: '09520123456788' },
        { ai: '10', value: '12345678901234567890' },
      ],
    ],
    [
      'a lot with punctuation',
      [
        { ai: '01', value: '04012345123456' },
        { ai: '10', value: 'LOT(2026)-A' },
      ],
    ],
    [
      'a serial in upper hex',
      [
        { ai: '01', value: '09520123456788' },
        { ai: '21', value: 'ABC123' },
      ],
    ],
    [
      'a serial in lower hex',
      [
        { ai: '01', value: '09520123456788' },
        { ai: '21', value: 'abc123' },
      ],
    ],
    [
      'a serial in base64',
      [
        { ai: '01', value: '09520123456788' },
        { ai: '21', value: 'Xy_z-9' },
      ],
    ],
    [
      'a lot with an expiry date and a net weight',
      [
        { ai: '01', value: '09520123456788' },
        { ai: '10', value: 'L1' },
        { ai: '17', value: '261231' },
        { ai: '3103', value: '001250' },
      ],
    ],
  ])('gives back %s exactly', (_name, elements) => {
    const decompressed = decompressDigitalLink(
      compressDigitalLink(elements, [['linkType', 'gs1:pip']]),
    );
    expect(byAi(decompressed.elements)).toEqual(byAi(elements));
    expect(decompressed.others).toEqual([['linkType', 'gs1:pip']]);
  });

  it.each([
    ['characters outside base64url', 'DBHKVAdp+QgqrCg'],
    ['a link cut short', 'DBHKVAdpQ'],
    ['an AI this resolver does not read', 'QA'],
    ['an optimisation code nobody defined', 'sA'],
    ['a GTIN with a wrong check digit', compressWrongCheckDigit()],
    ['trailing bits that are not padding', 'ARHKVAdpQh'],
    ['nothing but padding', 'AA'],
  ])('refuses %s', (_name, compressed) => {
    expect(() => decompressDigitalLink(compressed)).toThrow(DigitalLinkCompressionError);
  });

  it('answers any base64url text with its element strings or a DigitalLinkCompressionError, nothing else', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/), (text) => {
        try {
          const { elements } = decompressDigitalLink(text);
          expect(elements.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(DigitalLinkCompressionError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses to compress what GS1 forbids', () => {
    expect(() => compressDigitalLink([{ ai: '01', value: '09520123456789' }])).toThrow(
      DigitalLinkCompressionError,
    );
    expect(() => compressDigitalLink([{ ai: '10', value: 'é' }])).toThrow(
      DigitalLinkCompressionError,
    );
    expect(() =>
      compressDigitalLink([{ ai: '01', value: '09520123456788' }], [['bad key', 'x']]),
    ).toThrow(DigitalLinkCompressionError);
  });
});

/** GTIN 09780345418913 with its last digit changed, written bit by bit as the standard says. */
function compressWrongCheckDigit(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let bitString = '00000001' + BigInt('09780345418914').toString(2).padStart(47, '0');
  bitString = bitString.padEnd(Math.ceil(bitString.length / 6) * 6, '0');
  return Array.from(
    { length: bitString.length / 6 },
    (_, i) => alphabet[parseInt(bitString.slice(6 * i, 6 * i + 6), 2)],
  ).join('');
}
