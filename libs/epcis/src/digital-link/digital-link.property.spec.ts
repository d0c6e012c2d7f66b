import { gs1CheckDigit } from '@pujiang/standards';
import fc from 'fast-check';
import {
  DigitalLinkError,
  buildDigitalLink,
  canonicalDigitalLink,
  parseDigitalLink,
  type ElementString,
} from './digital-link';
import { CANONICAL_DL_ORIGIN, epcToDigitalLink } from './epc-urn';

/**
 * Properties of GS1 Digital Link over the whole value space: every GTIN form, SSCCs, SGLNs,
 * lots and serials from all of GS1 AI character set 82. Worked examples are in
 * digital-link.spec.ts; these check that the examples are not lucky.
 */

// Property runs are CPU-bound: on a loaded two-core box they must not turn into timeouts.
jest.setTimeout(30_000);

/** GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1). */
const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;

/** Characters an EPC URN must escape (TDS table I.3.1-2); the rest of CSET82 stands as itself. */
const URN_ESCAPED = new Set(['"', '%', '&', '/', '<', '>', '?']);

/** RFC 3986 `pchar` without `%`: what a path segment may carry unescaped. */
const PATH_LITERAL = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;

const DIGITS = '0123456789';
const digits = (length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...DIGITS), minLength: length, maxLength: length });
/** A GS1 key of `length` digits whose last digit is the check digit of the others. */
const checkedKey = (length: number): fc.Arbitrary<string> =>
  digits(length - 1).map((payload) => payload + gs1CheckDigit(payload));

const cset82 = (maxLength: number, chars = CSET82): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength });

/** A GTIN as printed (GTIN-8, -12, -13 or -14) and the GTIN-14 Digital Link canonicalises it to. */
const gtinForms = fc
  .constantFrom(8, 12, 13, 14)
  .chain((length) => checkedKey(length))
  .map((written) => ({ written, gtin14: written.padStart(14, '0') }));

const lotOrSerial = cset82(20);
const sscc = checkedKey(18);
const gln = checkedKey(13);
/** Where a Digital Link may live: GS1's resolver, or any brand's domain, below any path. */
const origin = fc.constantFrom(
  CANONICAL_DL_ORIGIN,
  'https://example.com',
  'http://brand.example.com/shop',
  'https://resolver.example.org/a/b',
);

/** A value as buildDigitalLink writes it into a path segment. */
function encoded(value: string): string {
  return buildDigitalLink([{ ai: '21', value }]).slice(`${CANONICAL_DL_ORIGIN}/21/`.length);
}

const hex = (c: string): string => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');

/**
 * Another legitimate spelling of the same value in a path segment: each character either
 * percent-encoded (upper- or lower-case hex) or, where RFC 3986 lets it stand, itself.
 */
function respelled(value: string, choices: readonly number[]): string {
  return [...value]
    .map((c, i) => {
      const choice = (choices[i] ?? 0) % 3;
      if (choice === 2 && PATH_LITERAL.test(c)) return c;
      return choice === 1 ? `%${hex(c).toLowerCase()}` : `%${hex(c)}`;
    })
    .join('');
}

/** An EPC URN component: the characters TDS reserves escaped, everything else as itself. */
const urnEscaped = (value: string): string =>
  [...value].map((c) => (URN_ESCAPED.has(c) ? `%${hex(c)}` : c)).join('');

/** A 13-digit key body split at a company prefix of 6 to 12 digits, as an EPC URN does. */
const companyPrefixLength = fc.integer({ min: 6, max: 12 });

/** The "company prefix.indicator and item reference" fields of a GTIN-14 in an EPC URN. */
const gtinUrnFields = (gtin: string, prefixLength: number): string =>
  `${gtin.slice(1, 1 + prefixLength)}.${gtin[0]}${gtin.slice(1 + prefixLength, 13)}`;

/** The SGTIN URN of a GTIN-14 and a serial, and the Digital Link built from the same values. */
const sgtinUrn = (gtin: string, prefixLength: number, serial: string): string =>
  `urn:epc:id:sgtin:${gtinUrnFields(gtin, prefixLength)}.${urnEscaped(serial)}`;
const sgtinLink = (gtin: string, serial: string): string =>
  buildDigitalLink([
    { ai: '01', value: gtin },
    { ai: '21', value: serial },
  ]);

/** Replaces the check digit (the last digit) with any other digit. */
const wrongCheckDigit = (key: string, shift: number): string =>
  key.slice(0, -1) + ((Number(key[key.length - 1]) + shift) % 10);

describe('GS1 AI character set 82', () => {
  it('has 82 characters', () => {
    expect(new Set(CSET82).size).toBe(82);
  });
});

describe('buildDigitalLink → parseDigitalLink', () => {
  it('round-trips a GTIN in any of its forms with CPV, lot and serial from all of CSET82', () => {
    fc.assert(
      fc.property(
        gtinForms,
        fc.option(lotOrSerial),
        fc.option(lotOrSerial),
        fc.option(lotOrSerial),
        ({ written, gtin14 }, cpv, lot, serial) => {
          const qualifiers: ElementString[] = [
            ...(cpv === null ? [] : [{ ai: '22', value: cpv }]),
            ...(lot === null ? [] : [{ ai: '10', value: lot }]),
            ...(serial === null ? [] : [{ ai: '21', value: serial }]),
          ];
          const parsed = parseDigitalLink(
            buildDigitalLink([{ ai: '01', value: written }, ...qualifiers]),
          );
          expect(parsed).toMatchObject({
            primaryKey: { ai: '01', name: 'gtin', value: gtin14 },
            gtin: gtin14,
            qualifiers,
            canonical: buildDigitalLink([{ ai: '01', value: gtin14 }, ...qualifiers]),
          });
          expect(parsed.cpv).toBe(cpv ?? undefined);
          expect(parsed.lot).toBe(lot ?? undefined);
          expect(parsed.serial).toBe(serial ?? undefined);
        },
      ),
    );
  });

  it('round-trips an SSCC', () => {
    fc.assert(
      fc.property(sscc, (key) => {
        const link = buildDigitalLink([{ ai: '00', value: key }]);
        expect(link).toBe(`${CANONICAL_DL_ORIGIN}/00/${key}`);
        expect(parseDigitalLink(link)).toMatchObject({
          sscc: key,
          qualifiers: [],
          canonical: link,
        });
      }),
    );
  });

  it('round-trips an SGLN: a GLN with or without an extension from CSET82', () => {
    fc.assert(
      fc.property(gln, fc.option(lotOrSerial), (key, extension) => {
        const elements = [
          { ai: '414', value: key },
          ...(extension === null ? [] : [{ ai: '254', value: extension }]),
        ];
        const link = buildDigitalLink(elements);
        const parsed = parseDigitalLink(link);
        expect(parsed).toMatchObject({ gln: key, canonical: link });
        expect(parsed.glnExtension).toBe(extension ?? undefined);
      }),
    );
  });

  it('reads every percent-encoding spelling of a value as the same value', () => {
    fc.assert(
      fc.property(
        gtinForms,
        lotOrSerial,
        fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
        ({ gtin14 }, serial, choices) => {
          const spelled = `${CANONICAL_DL_ORIGIN}/01/${gtin14}/21/${respelled(serial, choices)}`;
          const parsed = parseDigitalLink(spelled);
          expect(parsed.serial).toBe(serial);
          expect(parsed.canonical).toBe(
            buildDigitalLink([
              { ai: '01', value: gtin14 },
              { ai: '21', value: serial },
            ]),
          );
        },
      ),
    );
  });
});

describe('canonicalDigitalLink', () => {
  /** The same identity as any resolver may print it: host, path prefix, short names, query. */
  const spellings = fc.record({
    origin,
    gtin: gtinForms,
    shortNames: fc.boolean(),
    cpv: fc.option(lotOrSerial),
    lot: fc.option(lotOrSerial),
    serial: fc.option(lotOrSerial),
    query: fc.constantFrom('', '?17=260101', '?linkType=all&17=260101', '#top'),
  });

  type Spelling = typeof spellings extends fc.Arbitrary<infer T> ? T : never;

  function written(s: Spelling, encode: (value: string) => string = encoded): string {
    const name = (ai: string, short: string) => (s.shortNames ? short : ai);
    const path = [
      name('01', 'gtin'),
      s.gtin.written,
      ...(s.cpv === null ? [] : [name('22', 'cpv'), encode(s.cpv)]),
      ...(s.lot === null ? [] : [name('10', 'lot'), encode(s.lot)]),
      ...(s.serial === null ? [] : [name('21', 'ser'), encode(s.serial)]),
    ];
    return `${s.origin}/${path.join('/')}${s.query}`;
  }

  /** What the event hash identifies: the GTIN with its serial, else with its lot; no CPV. */
  function finest(s: Spelling): string {
    const finer =
      s.serial !== null
        ? [{ ai: '21', value: s.serial }]
        : s.lot !== null
          ? [{ ai: '10', value: s.lot }]
          : [];
    return buildDigitalLink([{ ai: '01', value: s.gtin.gtin14 }, ...finer]);
  }

  it('gives every spelling of an identity the canonical id.gs1.org form of its finest level', () => {
    fc.assert(
      fc.property(spellings, (s) => {
        expect(canonicalDigitalLink(written(s))).toBe(finest(s));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(spellings, fc.array(fc.nat(), { maxLength: 20 }), (s, choices) => {
        for (const link of [written(s), written(s, (v) => respelled(v, choices))]) {
          const once = canonicalDigitalLink(link);
          expect(once).toBeDefined();
          expect(canonicalDigitalLink(once ?? '')).toBe(once);
        }
      }),
    );
  });

  it('agrees with the canonical form parseDigitalLink gives, once CPV and lot are dropped', () => {
    fc.assert(
      fc.property(spellings, (s) => {
        const parsed = parseDigitalLink(written({ ...s, cpv: null }));
        const finer = parsed.qualifiers.filter((q) => q.ai !== '10' || parsed.serial === undefined);
        expect(canonicalDigitalLink(written(s))).toBe(
          buildDigitalLink([parsed.primaryKey, ...finer]),
        );
      }),
    );
  });

  // `…/21/A%2fB`, `…/21/A%2FB` and `…/21/%41%2FB` are one serial, so they are one canonical
  // form and one event hash ID (docs/decisions/0012-percent-encoding-of-identifiers.md).
  it('gives every percent-encoding spelling of a value the same canonical form', () => {
    fc.assert(
      fc.property(spellings, fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (s, choices) => {
        const respell = (value: string) => respelled(value, choices);
        expect(canonicalDigitalLink(written(s, respell))).toBe(finest(s));
      }),
    );
  });
});

describe('epcToDigitalLink agrees with building the Digital Link directly', () => {
  it('for SGTINs, whatever the company prefix length and serial', () => {
    fc.assert(
      fc.property(checkedKey(14), companyPrefixLength, cset82(20), (gtin, prefixLength, serial) => {
        expect(epcToDigitalLink(sgtinUrn(gtin, prefixLength, serial))).toBe(
          sgtinLink(gtin, serial),
        );
      }),
    );
  });

  it('for LGTIN classes', () => {
    fc.assert(
      fc.property(checkedKey(14), companyPrefixLength, cset82(20), (gtin, prefixLength, lot) => {
        const fields = gtinUrnFields(gtin, prefixLength);
        expect(epcToDigitalLink(`urn:epc:class:lgtin:${fields}.${urnEscaped(lot)}`)).toBe(
          buildDigitalLink([
            { ai: '01', value: gtin },
            { ai: '10', value: lot },
          ]),
        );
      }),
    );
  });

  it('for SSCCs', () => {
    fc.assert(
      fc.property(sscc, companyPrefixLength, (key, prefixLength) => {
        const cp = key.slice(1, 1 + prefixLength);
        const serialReference = key[0] + key.slice(1 + prefixLength, 17);
        expect(epcToDigitalLink(`urn:epc:id:sscc:${cp}.${serialReference}`)).toBe(
          buildDigitalLink([{ ai: '00', value: key }]),
        );
      }),
    );
  });

  it('for SGLNs, extension "0" meaning the location itself', () => {
    fc.assert(
      fc.property(
        gln,
        companyPrefixLength,
        fc.oneof(fc.constant('0'), cset82(20)),
        (key, prefixLength, extension) => {
          const cp = key.slice(0, prefixLength);
          const location = key.slice(prefixLength, 12);
          const urn = `urn:epc:id:sgln:${cp}.${location}.${urnEscaped(extension)}`;
          expect(epcToDigitalLink(urn)).toBe(
            buildDigitalLink([
              { ai: '414', value: key },
              ...(extension === '0' ? [] : [{ ai: '254', value: extension }]),
            ]),
          );
        },
      ),
    );
  });

  // A URN lets `;` and `=` stand (TDS), a Digital Link value escapes them (GS1 DL 1.2 XCHAR):
  // both write the one canonical spelling, so one instance has one string and one hash ID.
  it('for SGTIN serials with ";" or "="', () => {
    fc.assert(
      fc.property(
        checkedKey(14),
        companyPrefixLength,
        cset82(9),
        fc.constantFrom(';', '='),
        (gtin, prefixLength, head, reserved) => {
          const serial = head + reserved;
          expect(epcToDigitalLink(sgtinUrn(gtin, prefixLength, serial))).toBe(
            sgtinLink(gtin, serial),
          );
        },
      ),
    );
  });

  it('names the same instance, ";" and "=" included, when both are parsed', () => {
    fc.assert(
      fc.property(checkedKey(14), companyPrefixLength, cset82(20), (gtin, prefixLength, serial) => {
        const fromUrn = epcToDigitalLink(sgtinUrn(gtin, prefixLength, serial));
        expect(parseDigitalLink(fromUrn ?? '')).toMatchObject({ gtin, serial });
      }),
    );
  });
});

describe('check digits', () => {
  const checkedKeys = fc.oneof(
    gtinForms.map(({ written }) => ({ ai: '01', short: 'gtin', key: written })),
    sscc.map((key) => ({ ai: '00', short: 'sscc', key })),
    gln.map((key) => ({ ai: '414', short: 'gln', key })),
    gln.map((key) => ({ ai: '417', short: 'party', key })),
    checkedKey(18).map((key) => ({ ai: '8018', short: 'gsrn', key })),
  );

  it('refuses a wrong check digit, whatever the key, host or qualifiers', () => {
    fc.assert(
      fc.property(
        checkedKeys,
        fc.integer({ min: 1, max: 9 }),
        origin,
        fc.boolean(),
        fc.option(lotOrSerial),
        ({ ai, short, key }, shift, host, shortName, serial) => {
          const tail = ai === '01' && serial !== null ? `/21/${encoded(serial)}` : '';
          const link = `${host}/${shortName ? short : ai}/${wrongCheckDigit(key, shift)}${tail}`;
          expect(() => parseDigitalLink(link)).toThrow(DigitalLinkError);
          expect(() => parseDigitalLink(link)).toThrow(/check digit/);
        },
      ),
    );
  });

  it('accepts the same links with the right check digit', () => {
    fc.assert(
      fc.property(checkedKeys, origin, ({ ai, key }, host) => {
        expect(parseDigitalLink(`${host}/${ai}/${key}`).primaryKey.value).toBe(
          ai === '01' ? key.padStart(14, '0') : key,
        );
      }),
    );
  });
});
