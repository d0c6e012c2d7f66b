import { canonicalIdentifier } from './canonical-identifier';

describe('canonicalIdentifier', () => {
  it('gives an EPC URN and every Digital Link of the same lot one spelling (issue 18)', () => {
    const spellings = [
      'urn:epc:class:lgtin:4012345.012345.LOT(2026)-A',
      'https://id.gs1.org/01/04012345123456/10/LOT(2026)-A',
      'https://id.gs1.org/01/04012345123456/10/LOT%282026%29-A',
      'https://resolver.example.com/01/4012345123456/10/LOT%282026%29-A?linkType=all',
      ' https://id.gs1.org/01/04012345123456/10/LOT%282026%29%2dA ',
    ];
    expect(new Set(spellings.map(canonicalIdentifier))).toEqual(
      new Set(['https://id.gs1.org/01/04012345123456/10/LOT%282026%29-A']),
    );
  });

  it('gives an SGTIN with ";" and "=" the spelling of its Digital Link', () => {
    expect(canonicalIdentifier('urn:epc:id:sgtin:0614141.107346.A;B=C')).toBe(
      canonicalIdentifier('https://id.gs1.org/01/10614141073464/21/A;B=C'),
    );
  });

  it('leaves other identifiers as written', () => {
    expect(canonicalIdentifier('urn:epc:id:bic:CSQU3054383')).toBe('urn:epc:id:bic:CSQU3054383');
    expect(canonicalIdentifier('https://example.com/po/1')).toBe('https://example.com/po/1');
    expect(canonicalIdentifier(' lot-7 ')).toBe('lot-7');
  });
});
