import { gs1CheckDigit } from '@pujiang/standards';
import fc from 'fast-check';
import {
  DigitalLinkError,
  buildDigitalLink,
  canonicalDigitalLink,
  lotDigitalLink,
  lotOfDigitalLink,
  parseDigitalLink,
  ssccDigitalLink,
} from './digital-link';
import { epcToDigitalLink } from './epc-urn';

// Property runs are CPU-bound: on a loaded two-core box they must not turn into timeouts.
jest.setTimeout(30_000);

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const withCheckDigit = (payload: string): string => payload + gs1CheckDigit(payload);
const gtin14 = digits(13, 13).map(withCheckDigit);
const lotOrSerial = fc.stringMatching(/^[A-Za-z0-9\-._/!()*+,:;=]{1,20}$/);
/** The "company prefix.indicator and item reference" fields of a GTIN-14 in an EPC URN. */
const gtinUrnFields = (gtin: string, prefixLength: number): string =>
  `${gtin.slice(1, 1 + prefixLength)}.${gtin[0]}${gtin.slice(1 + prefixLength, 13)}`;

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
      'https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7%27SDB',
    ],
    // TDS lets `'`, `;` and `=` stand in a URN; a Digital Link value escapes them (0012).
    [
      "urn:epc:id:sgtin:0614141.107346.A'B;C=D",
      'https://id.gs1.org/01/10614141073464/21/A%27B%3BC%3DD',
    ],
    // A URN escape in lower-case hex is the same character: one canonical spelling.
    ['urn:epc:id:sgtin:0614141.107346.A%2fB', 'https://id.gs1.org/01/10614141073464/21/A%2FB'],
    // Issue 18: the lot whose page showed no step.
    [
      'urn:epc:class:lgtin:4012345.012345.LOT(2026)-A',
      'https://id.gs1.org/01/04012345123456/10/LOT%282026%29-A',
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
          const link = epcToDigitalLink(
            `urn:epc:id:sgtin:${gtinUrnFields(gtin, prefixLength)}.${serial}`,
          );
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
    // Every spelling of one value is one canonical form (0013): hex case, needless escapes,
    // sub-delimiters RFC 3986 lets stand in a path.
    [
      'https://id.gs1.org/01/04012345999990/21/A%2fB',
      'https://id.gs1.org/01/04012345999990/21/A%2FB',
    ],
    [
      'https://id.gs1.org/01/04012345999990/21/%41%2FB',
      'https://id.gs1.org/01/04012345999990/21/A%2FB',
    ],
    [
      "https://example.com/01/04012345123456/10/LOT(2026)-A;x=1'!*+,:",
      'https://id.gs1.org/01/04012345123456/10/LOT%282026%29-A%3Bx%3D1%27%21%2A%2B%2C%3A',
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

  it('is no Digital Link when a value has a broken escape', () => {
    expect(canonicalDigitalLink('https://id.gs1.org/01/04012345999990/21/A%2')).toBeUndefined();
  });
});

describe('buildDigitalLink', () => {
  it('writes the GTIN in its 14-digit form and every value as encodeAiValue does', () => {
    expect(
      buildDigitalLink([
        { ai: '01', value: '4012345123456' },
        { ai: '10', value: 'LOT(2026)-A' },
        { ai: '21', value: "A/B;C=D'E" },
      ]),
    ).toBe('https://id.gs1.org/01/04012345123456/10/LOT%282026%29-A/21/A%2FB%3BC%3DD%27E');
  });

  it('lives on another origin, or is the path alone, when asked', () => {
    const elements = [{ ai: '00', value: '106141411234567897' }];
    expect(buildDigitalLink(elements, 'https://resolver.example.com/r')).toBe(
      'https://resolver.example.com/r/00/106141411234567897',
    );
    expect(buildDigitalLink(elements, '')).toBe('/00/106141411234567897');
  });
});

describe('lotDigitalLink', () => {
  it.each([
    ['09506000134352', 'LOT1', 'https://id.gs1.org/01/09506000134352/10/LOT1'],
    ['9506000134352', 'LOT1', 'https://id.gs1.org/01/09506000134352/10/LOT1'],
    ['95060001', 'L', 'https://id.gs1.org/01/00000095060001/10/L'],
    // The characters the hand-written templates (encodeURIComponent) left unescaped.
    ['04012345123456', 'LOT(2026)-A', 'https://id.gs1.org/01/04012345123456/10/LOT%282026%29-A'],
    ['04012345123456', "!'()*", 'https://id.gs1.org/01/04012345123456/10/%21%27%28%29%2A'],
    ['04012345123456', 'a/b?c&d%e', 'https://id.gs1.org/01/04012345123456/10/a%2Fb%3Fc%26d%25e'],
    ['04012345123456', '-._', 'https://id.gs1.org/01/04012345123456/10/-._'],
  ])('GTIN %s, lot %s is %s', (gtin, lot, link) => {
    expect(lotDigitalLink(gtin, lot)).toBe(link);
  });

  it('is the same string as the LGTIN URN of the lot, and as what a resolver URL canonicalises to', () => {
    fc.assert(
      fc.property(gtin14, fc.integer({ min: 6, max: 12 }), lotOrSerial, (gtin, prefix, lot) => {
        const urn = `urn:epc:class:lgtin:${gtinUrnFields(gtin, prefix)}.${lot.replace(/\//g, '%2F')}`;
        const link = lotDigitalLink(gtin, lot);
        expect(epcToDigitalLink(urn)).toBe(link);
        expect(canonicalDigitalLink(lotDigitalLink(gtin, lot, 'https://shop.example.com'))).toBe(
          link,
        );
        expect(parseDigitalLink(link)).toMatchObject({ gtin, lot });
      }),
    );
  });

  it('gives the path on our own resolver with an empty origin', () => {
    expect(lotDigitalLink('09506000134352', 'A B', '')).toBe('/01/09506000134352/10/A%20B');
  });
});

describe('lotOfDigitalLink', () => {
  it('reads back what lotDigitalLink writes, the characters that need escaping included', () => {
    fc.assert(
      fc.property(gtin14, lotOrSerial, (gtin, lot) => {
        expect(lotOfDigitalLink(lotDigitalLink(gtin, lot))).toEqual({ gtin, lot });
      }),
    );
  });

  it('reads a lot on any host, with the GTIN in any form', () => {
    expect(
      lotOfDigitalLink('https://example.com/p/01/4012345123456/10/LOT(2026)-A?17=260101'),
    ).toEqual({ gtin: '04012345123456', lot: 'LOT(2026)-A' });
  });

  it.each([
    'https://id.gs1.org/01/04012345123456',
    'https://id.gs1.org/01/04012345123456/10/L1/21/7',
    'https://id.gs1.org/00/106141411234567897',
    'urn:epc:class:lgtin:4012345.012345.L1',
    'https://id.gs1.org/01/04012345123456/10/L%2',
  ])('is undefined for %s', (uri) => {
    expect(lotOfDigitalLink(uri)).toBeUndefined();
  });
});

describe('ssccDigitalLink', () => {
  it('names the logistic unit', () => {
    expect(ssccDigitalLink('106141411234567897')).toBe('https://id.gs1.org/00/106141411234567897');
  });
});
