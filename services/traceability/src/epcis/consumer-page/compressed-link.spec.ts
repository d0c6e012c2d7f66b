import { ProblemException } from '@pujiang/http';
import { compressDigitalLink } from '@pujiang/standards';
import { compressedLink } from './compressed-link';

const GTIN = { ai: '01', value: '09520123456788' };
const statusOf = (compressed: string): number => {
  try {
    compressedLink(compressed, {});
  } catch (error) {
    if (error instanceof ProblemException) return error.getStatus();
    throw error;
  }
  return 200;
};

describe('compressedLink', () => {
  it.each([
    ['a GTIN alone', [GTIN], { gtin: GTIN.value }],
    [
      'a lot',
      [GTIN, { ai: '10', value: 'L1' }],
      { gtin: GTIN.value, code: { kind: 'lot', value: 'L1' } },
    ],
    [
      'a serial',
      [GTIN, { ai: '21', value: 'S1' }],
      { gtin: GTIN.value, code: { kind: 'serial', value: 'S1' } },
    ],
    [
      'an SSCC',
      [{ ai: '00', value: '340123450000000017' }],
      { code: { kind: 'sscc', value: '340123450000000017' } },
    ],
  ])('names the page of %s, as its twin’s path does', (_name, elements, subject) => {
    expect(compressedLink(compressDigitalLink(elements), {}).subject).toEqual(subject);
  });

  it('gives the twin’s query: data attributes and other pairs, the request’s own query last', () => {
    const compressed = compressDigitalLink(
      [GTIN, { ai: '10', value: 'L1' }, { ai: '17', value: '261231' }],
      [
        ['linkType', 'gs1:pip'],
        ['lang', 'zh'],
      ],
    );
    expect(compressedLink(compressed, { lang: 'en' }).query).toEqual({
      17: '261231',
      linkType: 'gs1:pip',
      lang: 'en',
    });
  });

  it.each([
    ['a lot and a serial together', [GTIN, { ai: '10', value: 'L1' }, { ai: '21', value: 'S1' }]],
    ['a consumer product variant', [GTIN, { ai: '22', value: 'RED' }]],
    ['an SSCC with a GTIN', [{ ai: '00', value: '340123450000000017' }, GTIN]],
    ['no GTIN nor SSCC', [{ ai: '414', value: '4012345000009' }]],
  ])('has no page for %s (404, as the twin’s path)', (_name, elements) => {
    expect(statusOf(compressDigitalLink(elements))).toBe(404);
  });

  it('refuses what is no compressed link with a 400', () => {
    expect(statusOf('AAAA')).toBe(400);
    expect(statusOf('health')).toBe(400);
  });
});
