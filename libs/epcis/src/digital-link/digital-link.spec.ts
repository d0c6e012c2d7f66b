import fc from 'fast-check';
import { gs1CheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from './check-digit';
import {
  DigitalLinkError,
  buildDigitalLink,
  canonicalDigitalLink,
  parseDigitalLink,
} from './digital-link';
import { epcToDigitalLink } from './epc-urn';

// Property runs are CPU-bound: on a loaded two-core box they must not turn into timeouts.
jest.setTimeout(30_000);

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const withCheckDigit = (payload: string): string => payload + gs1CheckDigit(payload);
const gtin14 = digits(13, 13).map(withCheckDigit);
const lotOrSerial = fc.stringMatching(/^[A-Za-z0-9\-._/!()*+,:;=]{1,20}$/);

describe('GS1 check digit', () => {
  it.each(['09506000134352', '4012345000009', '106141410734640', '00614141123452'])(
    'accepts %s',
    (key) => {
      expect(hasValidCheckDigit(key.length === 15 ? key.slice(0, 14) : key)).toBe(true);
    },
  );

  it('rejects any single-digit error', () => {
    fc.assert(
      fc.property(gtin14, fc.nat(13), fc.integer({ min: 1, max: 9 }), (gtin, at, delta) => {
        const wrong = gtin.slice(0, at) + ((Number(gtin[at]) + delta) % 10) + gtin.slice(at + 1);
        expect(isValidGtin(wrong)).toBe(false);
      }),
    );
  });

  it('survives zero padding, so GTIN-8/12/13 keep their check digit as GTIN-14', () => {
    fc.assert(
      fc.property(digits(7, 12), (payload) => {
        const gtin = withCheckDigit(payload);
        fc.pre([8, 12, 13].includes(gtin.length));
        expect(isValidGtin(toGtin14(gtin))).toBe(true);
      }),
    );
  });
});

describe('EPC URN to Digital Link', () => {
  it.each([
    ['urn:epc:id:sgtin:0614141.107346.2017', 'https://id.gs1.org/01/10614141073464/21/2017'],
    ['urn:epc:id:sgtin:415056789012.0.987654', 'https://id.gs1.org/01/04150567890128/21/987654'],
    [
      'urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()',
      'https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29',
    ],
    ['urn:epc:id:sscc:4012345.0000000333', 'https://id.gs1.org/00/040123450000003338'],
    ['urn:epc:id:sgln:0614141.07346.1234', 'https://id.gs1.org/414/0614141073467/254/1234'],
    ['urn:epc:id:sgln:4012345.00000.0', 'https://id.gs1.org/414/4012345000009'],
    ['urn:epc:id:grai:4012345.00022.334455', 'https://id.gs1.org/8003/04012345000221334455'],
    ['urn:epc:id:giai:4000001.111', 'https://id.gs1.org/8004/4000001111'],
    ['urn:epc:id:gsrn:4012345.0000006765', 'https://id.gs1.org/8018/401234500000067657'],
    ['urn:epc:id:gsrnp:4012345.0000000007', 'https://id.gs1.org/8017/401234500000000074'],
    ['urn:epc:id:gdti:4012345.00009.PO-4711', 'https://id.gs1.org/253/4012345000092PO-4711'],
    ['urn:epc:id:gdti:987659999999..9', 'https://id.gs1.org/253/98765999999929'],
    [
      'urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234',
      'https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234',
    ],
    ['urn:epc:id:ginc:0614141.xyz47%2F11', 'https://id.gs1.org/401/0614141xyz47%2F11'],
    ['urn:epc:id:gsin:4012345.222333444', 'https://id.gs1.org/402/40123452223334442'],
    [
      'urn:epc:id:itip:4012345.011111.01.02.987',
      'https://id.gs1.org/8006/040123451111180102/21/987',
    ],
    [
      "urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB",
      "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB",
    ],
    ['urn:epc:id:pgln:999999999999.', 'https://id.gs1.org/417/9999999999994'],
    ['urn:epc:id:sgcn:4012345.67890.04711', 'https://id.gs1.org/255/401234567890104711'],
    ['urn:epc:class:lgtin:4012345.012345.Lot987', 'https://id.gs1.org/01/04012345123456/10/Lot987'],
    ['urn:epc:idpat:sgtin:4012345.044444.*', 'https://id.gs1.org/01/04012345444445'],
    ['urn:epc:idpat:grai:4012345.55555.*', 'https://id.gs1.org/8003/04012345555554'],
  ])('%s is %s', (urn, link) => {
    expect(epcToDigitalLink(urn)).toBe(link);
  });

  it.each([
    'urn:epc:id:bic:CSQU3054383',
    'urn:epc:id:sgtin:0614141.10734.2017', // 12 digits: partition does not add up
    'urn:epc:id:sgtin:061414.1073466.',
    'urn:epc:idpat:sgtin:4012345.044444.12',
    'urn:epcglobal:cbv:bt:4012345000009:ASN1099',
  ])('leaves %s alone', (urn) => {
    expect(epcToDigitalLink(urn)).toBeUndefined();
  });

  it('keeps the GTIN and serial of any SGTIN, whatever the company prefix length', () => {
    fc.assert(
      fc.property(
        gtin14,
        fc.integer({ min: 6, max: 12 }),
        fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
        (gtin, prefixLength, serial) => {
          const cp = gtin.slice(1, 1 + prefixLength);
          const item = gtin[0] + gtin.slice(1 + prefixLength, 13);
          const link = epcToDigitalLink(`urn:epc:id:sgtin:${cp}.${item}.${serial}`);
          expect(link).toBe(`https://id.gs1.org/01/${gtin}/21/${serial}`);
          expect(parseDigitalLink(link ?? '')).toMatchObject({ gtin, serial });
        },
      ),
    );
  });
});

describe('parseDigitalLink', () => {
  it('reads GTIN, lot and serial', () => {
    expect(parseDigitalLink('https://id.gs1.org/01/09506000134352/10/LOT1')).toMatchObject({
      primaryKey: { ai: '01', name: 'gtin', value: '09506000134352' },
      gtin: '09506000134352',
      lot: 'LOT1',
      canonical: 'https://id.gs1.org/01/09506000134352/10/LOT1',
    });
    expect(
      parseDigitalLink(
        'https://brand.example.com/shop/gtin/9506000134352/lot/A%2FB/ser/7?17=260101&linkType=all',
      ),
    ).toMatchObject({
      gtin: '09506000134352',
      lot: 'A/B',
      serial: '7',
      attributes: { '17': '260101' },
      canonical: 'https://id.gs1.org/01/09506000134352/10/A%2FB/21/7',
    });
  });

  it('reads SSCC and GLN with extension', () => {
    expect(parseDigitalLink('https://id.gs1.org/00/106141411234567897').sscc).toBe(
      '106141411234567897',
    );
    expect(parseDigitalLink('https://id.gs1.org/414/0614141073467/254/1234')).toMatchObject({
      gln: '0614141073467',
      glnExtension: '1234',
    });
  });

  it.each([
    ['https://id.gs1.org/01/09506000134353/10/LOT1', 'check digit'],
    ['https://id.gs1.org/01/09506000134352/21/1/10/LOT1', 'not allowed'],
    ['https://id.gs1.org/00/10614141123456789', 'digits'],
    ['https://id.gs1.org/01/09506000134352/10/' + 'L'.repeat(21), 'not well formed'],
    ['https://example.com/products/123', 'not a GS1 Digital Link'],
    ['urn:epc:id:sgtin:0614141.107346.2017', 'not a GS1 Digital Link'],
  ])('refuses %s', (uri, why) => {
    expect(() => parseDigitalLink(uri)).toThrow(DigitalLinkError);
    expect(() => parseDigitalLink(uri)).toThrow(why);
  });

  it('round-trips what buildDigitalLink writes', () => {
    fc.assert(
      fc.property(gtin14, fc.option(lotOrSerial), fc.option(lotOrSerial), (gtin, lot, serial) => {
        const elements = [
          { ai: '01', value: gtin },
          ...(lot === null ? [] : [{ ai: '10', value: lot }]),
          ...(serial === null ? [] : [{ ai: '21', value: serial }]),
        ];
        const parsed = parseDigitalLink(buildDigitalLink(elements));
        expect(parsed.gtin).toBe(gtin);
        expect(parsed.lot).toBe(lot ?? undefined);
        expect(parsed.serial).toBe(serial ?? undefined);
        expect(parseDigitalLink(parsed.canonical)).toEqual(parsed);
      }),
    );
  });
});

describe('canonicalDigitalLink', () => {
  it.each([
    [
      'https://id.gs1.de/01/04012345999990/21/XYZ-1234',
      'https://id.gs1.org/01/04012345999990/21/XYZ-1234',
    ],
    [
      'https://example.com/gtin/09780345418913/21/765tz?abc=211121',
      'https://id.gs1.org/01/09780345418913/21/765tz',
    ],
    [
      'https://id.gs1.org/01/4012345999990/22/2A/10/L1/21/S1',
      'https://id.gs1.org/01/04012345999990/21/S1',
    ],
    ['https://id.gs1.org/01/04012345999990/10/L1', 'https://id.gs1.org/01/04012345999990/10/L1'],
    [
      'https://id.example.com/8003/040123450007718765',
      'https://id.gs1.org/8003/040123450007718765',
    ],
  ])('%s is %s', (uri, canonical) => {
    expect(canonicalDigitalLink(uri)).toBe(canonical);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(gtin14, lotOrSerial, (gtin, serial) => {
        const once = canonicalDigitalLink(
          buildDigitalLink([
            { ai: '01', value: gtin },
            { ai: '21', value: serial },
          ]),
        );
        expect(canonicalDigitalLink(once ?? '')).toBe(once);
      }),
    );
  });

  it('leaves URLs that carry no GS1 key alone', () => {
    expect(canonicalDigitalLink('http://transaction.acme.com/po/12345678')).toBeUndefined();
  });
});
