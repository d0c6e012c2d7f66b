import { epcPattern } from './epc-pattern';

const matches = (pattern: string, identifier: string) => {
  const found = epcPattern(pattern);
  if (found === undefined) throw new Error(`${pattern} is not a pattern`);
  return identifier.startsWith(found.prefix) && new RegExp(found.regex).test(identifier);
};

describe('EPC ID patterns over canonical Digital Links', () => {
  it.each([
    ['urn:epc:idpat:sgtin:4012345.044444.*', 'https://id.gs1.org/01/04012345444445/21/7', true],
    ['urn:epc:idpat:sgtin:4012345.044444.*', 'https://id.gs1.org/01/04012345444452/21/7', false],
    ['urn:epc:idpat:sgtin:4012345.*.*', 'https://id.gs1.org/01/04012345444445/21/7', true],
    ['urn:epc:idpat:sgtin:4012345.*.*', 'https://id.gs1.org/01/14012345444442/21/9', true],
    ['urn:epc:idpat:sgtin:4012345.*.*', 'https://id.gs1.org/01/04012346444444/21/7', false],
    ['urn:epc:idpat:sgtin:*.*.*', 'https://id.gs1.org/01/04012346444444/21/7', true],
    ['urn:epc:idpat:sgtin:*.*.*', 'https://id.gs1.org/00/040123450000000017', false],
    ['urn:epc:idpat:sscc:4012345.*', 'https://id.gs1.org/00/340123450000000012', true],
    ['urn:epc:idpat:sgln:4012345.00001.*', 'https://id.gs1.org/414/4012345000016/254/7', true],
    ['urn:epc:idpat:sgln:4012345.00001.*', 'https://id.gs1.org/414/4012345000016', true],
    ['urn:epc:idpat:sgln:4012345.00001.*', 'https://id.gs1.org/414/4012345000023', false],
    ['urn:epc:idpat:grai:4012345.55555.*', 'https://id.gs1.org/8003/04012345555554AB1', true],
    // A fixed serial names one EPC.
    ['urn:epc:idpat:sgtin:4012345.044444.7', 'https://id.gs1.org/01/04012345444445/21/7', true],
    ['urn:epc:idpat:sgtin:4012345.044444.7', 'https://id.gs1.org/01/04012345444445/21/77', false],
  ])('%s against %s: %s', (pattern, identifier, expected) => {
    expect(matches(pattern, identifier)).toBe(expected);
  });

  it('takes a GTIN pattern as the class and its lots too (MATCH_epcClass)', () => {
    const pattern = 'urn:epc:idpat:sgtin:4012345.044444.*';
    expect(matches(pattern, 'https://id.gs1.org/01/04012345444445')).toBe(true);
    expect(matches(pattern, 'https://id.gs1.org/01/04012345444445/10/LOT1')).toBe(true);
  });

  it.each([
    'urn:epc:idpat:sgtin:4012345.*.7', // a wildcard before a fixed field
    'urn:epc:idpat:sgtin:4012345.044444', // too few fields
    'urn:epc:idpat:sgtin:40*.044444.*',
    'urn:epc:idpat:bic:*',
    'urn:epc:idpat:sgtin:12.*.*', // no company prefix that short
    'urn:epc:id:sgtin:4012345.044444.7',
  ])('refuses %s', (pattern) => {
    expect(epcPattern(pattern)).toBeUndefined();
  });

  it('keeps regex characters of the key literal', () => {
    const found = epcPattern('urn:epc:idpat:sgtin:4012345.044444.*');
    expect(found?.regex).toBe('^https://id\\.gs1\\.org/01/04012345444445(/|$)');
  });
});
