/**
 * The GS1 Application Identifiers that can appear in the path of a Digital Link URI
 * (GS1 Digital Link 1.x, section 4, and the GS1 AI table): primary keys, their key qualifiers
 * in the order the path must carry them, and the value syntax each one allows.
 */

/** GS1 AI encodable character set 82, as it may appear (percent-encoded) in a URI path. */
const CSET82 = /^(?:[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]|%[0-9A-Fa-f]{2})+$/;

export interface KeyQualifierRule {
  readonly ai: string;
  readonly name: string;
  readonly maxLength: number;
  readonly charset: 'digits' | 'cset82';
}

export interface PrimaryKeyRule {
  readonly ai: string;
  readonly name: string;
  /** The short names older Digital Link URIs use in place of the AI (`/gtin/`, `/sscc/`). */
  readonly shortName: string;
  /** Fixed-length numeric head that ends with a GS1 check digit (GTIN, SSCC, GLN …). */
  readonly checkedDigits?: number;
  /** Free-form tail after the checked head (serial of a GRAI, GDTI, GCN). */
  readonly tail?: { readonly maxLength: number; readonly charset: 'digits' | 'cset82' };
  /** Whole value, when it is not a checked head: GIAI, GINC, CPID. */
  readonly value?: RegExp;
  /** Allowed qualifier paths, each in the order the URI must carry them. */
  readonly qualifierPaths: readonly (readonly string[])[];
}

export const KEY_QUALIFIERS: Readonly<Record<string, KeyQualifierRule>> = {
  '22': { ai: '22', name: 'cpv', maxLength: 20, charset: 'cset82' },
  '10': { ai: '10', name: 'lot', maxLength: 20, charset: 'cset82' },
  '21': { ai: '21', name: 'serial', maxLength: 20, charset: 'cset82' },
  '235': { ai: '235', name: 'tpx', maxLength: 28, charset: 'cset82' },
  '254': { ai: '254', name: 'glnExtension', maxLength: 20, charset: 'cset82' },
  '7040': { ai: '7040', name: 'uic', maxLength: 4, charset: 'cset82' },
  '8011': { ai: '8011', name: 'cpidSerial', maxLength: 12, charset: 'digits' },
  '8019': { ai: '8019', name: 'srin', maxLength: 10, charset: 'digits' },
};

export const PRIMARY_KEYS: Readonly<Record<string, PrimaryKeyRule>> = {
  '01': {
    ai: '01',
    name: 'gtin',
    shortName: 'gtin',
    checkedDigits: 14,
    qualifierPaths: [['22', '10', '21'], ['235']],
  },
  '8006': {
    ai: '8006',
    name: 'itip',
    shortName: 'itip',
    value: /^\d{18}$/,
    qualifierPaths: [['22', '10', '21']],
  },
  '8010': {
    ai: '8010',
    name: 'cpid',
    shortName: 'cpid',
    value: /^(?:[#\-/0-9A-Z]|%2[3Ff])+$/,
    qualifierPaths: [['8011']],
  },
  '414': {
    ai: '414',
    name: 'gln',
    shortName: 'gln',
    checkedDigits: 13,
    qualifierPaths: [['254'], ['7040']],
  },
  '417': {
    ai: '417',
    name: 'partyGln',
    shortName: 'party',
    checkedDigits: 13,
    qualifierPaths: [['7040']],
  },
  '8017': {
    ai: '8017',
    name: 'gsrnp',
    shortName: 'gsrnp',
    checkedDigits: 18,
    qualifierPaths: [['8019']],
  },
  '8018': {
    ai: '8018',
    name: 'gsrn',
    shortName: 'gsrn',
    checkedDigits: 18,
    qualifierPaths: [['8019']],
  },
  '255': {
    ai: '255',
    name: 'gcn',
    shortName: 'gcn',
    checkedDigits: 13,
    tail: { maxLength: 12, charset: 'digits' },
    qualifierPaths: [],
  },
  '00': { ai: '00', name: 'sscc', shortName: 'sscc', checkedDigits: 18, qualifierPaths: [] },
  '253': {
    ai: '253',
    name: 'gdti',
    shortName: 'gdti',
    checkedDigits: 13,
    tail: { maxLength: 17, charset: 'cset82' },
    qualifierPaths: [],
  },
  '401': { ai: '401', name: 'ginc', shortName: 'ginc', value: /^.{1,30}$/, qualifierPaths: [] },
  '402': { ai: '402', name: 'gsin', shortName: 'gsin', checkedDigits: 17, qualifierPaths: [] },
  '8003': {
    ai: '8003',
    name: 'grai',
    shortName: 'grai',
    // AI 8003 is a '0' filler followed by the GRAI-13 and its optional serial.
    checkedDigits: 14,
    tail: { maxLength: 16, charset: 'cset82' },
    qualifierPaths: [],
  },
  '8004': { ai: '8004', name: 'giai', shortName: 'giai', value: /^.{1,30}$/, qualifierPaths: [] },
};

const SHORT_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.values(PRIMARY_KEYS).map((k) => [k.shortName, k.ai])),
  cpv: '22',
  lot: '10',
  ser: '21',
};

/** The AI for a path segment that is either an AI or one of the legacy short names. */
export function aiOfSegment(segment: string): string | undefined {
  if (segment in PRIMARY_KEYS || segment in KEY_QUALIFIERS) return segment;
  return SHORT_NAMES[segment];
}

export function matchesCharset(value: string, charset: 'digits' | 'cset82'): boolean {
  return charset === 'digits' ? /^\d+$/.test(value) : CSET82.test(value);
}
