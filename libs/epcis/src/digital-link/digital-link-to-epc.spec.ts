import { digitalLinkToEpc } from './digital-link-to-epc';
import { epcToDigitalLink } from './epc-urn';

const PREFIXES = ['0614141', '952012', '4012345'];

describe('a Digital Link as an EPC URN', () => {
  it.each([
    ['urn:epc:id:sgtin:0614141.812345.6789', 'https://id.gs1.org/01/80614141123458/21/6789'],
    ['urn:epc:class:lgtin:4012345.012345.LOT(2026)-A', undefined],
    ['urn:epc:id:sscc:0614141.1234567890', 'https://id.gs1.org/00/106141412345678908'],
    ['urn:epc:id:sgln:952012.345678.0', undefined],
    ['urn:epc:id:sgln:0614141.12345.400', 'https://id.gs1.org/414/0614141123452/254/400'],
    ['urn:epc:id:pgln:952012.000001', undefined],
    ['urn:epc:id:grai:0614141.12345.400', 'https://id.gs1.org/8003/00614141123452400'],
    ['urn:epc:id:giai:0614141.12345400', 'https://id.gs1.org/8004/061414112345400'],
    ['urn:epc:id:sgtin:0614141.812345.a%2Fb', undefined],
  ])('%s, written as its Digital Link, comes back', (urn, link) => {
    const digitalLink = epcToDigitalLink(urn) as string;
    if (link !== undefined) expect(digitalLink).toBe(link);
    expect(digitalLinkToEpc(digitalLink, PREFIXES)).toBe(urn);
  });

  it('has no URN for a key of an unknown company prefix, a GTIN alone or what is no Digital Link', () => {
    expect(digitalLinkToEpc('https://id.gs1.org/01/09506000134352/21/1', PREFIXES)).toBeUndefined();
    expect(digitalLinkToEpc('https://id.gs1.org/01/80614141123458', PREFIXES)).toBeUndefined();
    expect(digitalLinkToEpc('urn:epc:id:sgtin:0614141.812345.6789', PREFIXES)).toBeUndefined();
    expect(digitalLinkToEpc('https://example.com/x', PREFIXES)).toBeUndefined();
  });

  it('takes the longest prefix that starts the key', () => {
    expect(
      digitalLinkToEpc('https://id.gs1.org/01/80614141123458/21/6789', ['061', '0614141']),
    ).toBe('urn:epc:id:sgtin:0614141.812345.6789');
  });
});
