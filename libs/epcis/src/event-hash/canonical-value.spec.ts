import { canonicalNumber, canonicalText, canonicalTime } from './canonical-value';
import { STANDARD_NAMESPACES } from './namespaces';

describe('canonicalTime', () => {
  it.each([
    ['2020-03-04T11:00:30.000+01:00', '2020-03-04T10:00:30.000Z'],
    ['2022-02-16T20:33:31.116000-06:00', '2022-02-17T02:33:31.116Z'],
    ['2019-10-21T14:45:00Z', '2019-10-21T14:45:00.000Z'],
    ['2023-02-02T11:04:03.1415Z', '2023-02-02T11:04:03.142Z'],
    ['2023-02-02T11:04:03.1414Z', '2023-02-02T11:04:03.141Z'],
    ['2023-02-02T11:04:03.0125Z', '2023-02-02T11:04:03.012Z'],
    ['2023-12-31T23:59:59.9996+00:00', '2024-01-01T00:00:00.000Z'],
    ['2020-01-14T00:00:00.000+0100', '2020-01-13T23:00:00.000Z'],
  ])('%s is %s', (input, expected) => {
    expect(canonicalTime(input)).toBe(expected);
  });

  it('refuses what is not a date-time', () => {
    expect(() => canonicalTime('yesterday')).toThrow('ISO 8601');
  });
});

describe('canonicalNumber', () => {
  it.each([
    [452.0, '452'],
    [0.1, '0.1'],
    [-0, '0'],
    [1e21, '1000000000000000000000'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [0.0001, '0.0001'],
  ])('%d is %s', (input, expected) => {
    expect(canonicalNumber(input)).toBe(expected);
  });
});

describe('canonicalText', () => {
  const text = (value: string, vocabulary?: Parameters<typeof canonicalText>[2]): string =>
    canonicalText(value, STANDARD_NAMESPACES, vocabulary);

  it('expands bare CBV words only where the field takes them', () => {
    expect(text('shipping', 'BizStep')).toBe('https://ref.gs1.org/cbv/BizStep-shipping');
    expect(text('in_transit', 'Disp')).toBe('https://ref.gs1.org/cbv/Disp-in_transit');
    expect(text('Temperature', 'gs1')).toBe('https://gs1.org/voc/Temperature');
    expect(text('shipping')).toBe('shipping');
  });

  it('turns EPCIS 1.x CBV URNs into web URIs', () => {
    expect(text('urn:epcglobal:cbv:bizstep:receiving')).toBe(
      'https://ref.gs1.org/cbv/BizStep-receiving',
    );
    expect(text('urn:epcglobal:cbv:btt:po')).toBe('https://ref.gs1.org/cbv/BTT-po');
    expect(text('urn:epcglobal:cbv:sdt:owning_party')).toBe(
      'https://ref.gs1.org/cbv/SDT-owning_party',
    );
  });

  it('expands compact IRIs of known prefixes', () => {
    expect(text('cbv:Comp-latitude')).toBe('https://ref.gs1.org/cbv/Comp-latitude');
    expect(text('geo:47.506694,11.104301')).toBe('geo:47.506694,11.104301');
  });

  it('normalises numbers and GS1 keys', () => {
    expect(text('+012.50')).toBe('12.5');
    expect(text('urn:epc:id:sgtin:0614141.107346.2017')).toBe(
      'https://id.gs1.org/01/10614141073464/21/2017',
    );
    expect(text('https://id.gs1.de/414/4012345000115?linkType=all')).toBe(
      'https://id.gs1.org/414/4012345000115',
    );
    expect(text('http://transaction.acme.com/po/12345678')).toBe(
      'http://transaction.acme.com/po/12345678',
    );
  });

  it('keeps numeric-looking text beyond a double as written (found by the offset property)', () => {
    expect(text('1E309')).toBe('1E309');
    expect(text('-1e400')).toBe('-1e400');
  });
});
