import { compareVersions, discoveryHeaders, unacceptableHeaders } from './gs1-headers';

describe('GS1 version negotiation', () => {
  it.each([
    ['2', '2.0.0', 0],
    ['1.2', '2.0.0', -1],
    ['2.0.1', '2.0.0', 1],
    ['10.0', '2.0', 1],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  it.each([
    [{}, 0],
    [{ 'gs1-epcis-min': '1.2.0', 'gs1-epcis-max': '2.0.0' }, 0],
    [{ 'gs1-epcis-min': '2.0.1' }, 1],
    [{ 'gs1-epcis-max': '1.2' }, 1],
    [{ 'gs1-cbv-max': '1.2.0' }, 1],
    [{ 'gs1-epcis-min': 'latest' }, 1],
    [{ 'gs1-epc-format': 'Always_EPC_URN' }, 0],
    [{ 'gs1-cbv-xml-format': 'Sometimes' }, 1],
    [{ 'gs1-epcis-version': '1.2', 'gs1-cbv-version': '2.0.0' }, 0],
    [{ 'gs1-epcis-version': '_B' }, 1],
    [{ 'gs1-extensions': 'ex=http://ns.example.com/epcis/, v2=urn:example:v2' }, 0],
    [{ 'gs1-extensions': '' }, 1],
    [{ 'gs1-extensions': 'ex' }, 1],
  ])('finds %j acceptable unless %i reasons', (headers, reasons) => {
    expect(unacceptableHeaders(headers)).toHaveLength(reasons);
  });

  it('announces the methods and versions of a resource', () => {
    expect(discoveryHeaders(['OPTIONS', 'GET'])).toMatchObject({
      Allow: 'OPTIONS, GET',
      'GS1-EPCIS-Version': '2.0.0',
      'GS1-EPCIS-Min': '2.0.0',
      'GS1-EPCIS-Max': '2.0.0',
      'GS1-CBV-Version': '2.0.0',
    });
  });
});
