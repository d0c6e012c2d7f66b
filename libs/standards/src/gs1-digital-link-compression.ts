/**
 * GS1 Digital Link compression (GS1 Digital Link standard 1.1, "Compression"
 * section; GS1's DL toolkit is its reference): the element strings of a
 * Digital Link written as bits and spelled in the URI-safe base64 alphabet,
 * so that `https://id.gs1.org/01/09780345418913/21/43786` becomes
 * `https://id.gs1.org/DBHKVAdpQgqrCg` and fits a smaller QR code.
 *
 * The bits, in order, for each Application Identifier: the AI as 4-bit digits
 * (or one 8-bit code from the optimisation table standing for a sequence of
 * AIs), then each component of its value as the AI's format says. A numeric
 * component of n digits takes ceil(n·log2 10) bits; a variable one is preceded
 * by its length. An alphanumeric component starts with a 3-bit encoding
 * (digits, lower or upper hexadecimal, URI-safe base64, 7-bit ASCII) and, when
 * variable, its length. A key=value pair that is no AI (`linkType`) starts with
 * the nibble F. The whole is padded with zeros to a multiple of 6 bits.
 *
 * GS1's JavaScript toolkit reads numbers through a double, so an SSCC (18
 * digits) or an all-digit 20-character lot comes back altered; here numbers are
 * BigInts and every value keeps its leading zeros (decision 0024).
 */
import { hasValidCheckDigit } from './gs1-check-digit';

/** Not a compressed GS1 Digital Link, or one naming something GS1's rules forbid. */
export class DigitalLinkCompressionError extends Error {
  override readonly name = 'DigitalLinkCompressionError';
}

/** One Application Identifier and its value, as carried in a Digital Link (not percent-encoded). */
export interface AiValue {
  readonly ai: string;
  readonly value: string;
}

/** What a compressed Digital Link carries: its element strings and other key=value pairs. */
export interface DecompressedDigitalLink {
  readonly elements: readonly AiValue[];
  readonly others: readonly (readonly [string, string])[];
}

/** A component of an AI's value: numeric or alphanumeric, of fixed length or up to a maximum. */
interface Component {
  readonly numeric: boolean;
  readonly fixed?: number;
  readonly max?: number;
}

/** `N18`, `X..20`, `N13+N..12`: GS1 General Specifications format notation. */
function format(notation: string): readonly Component[] {
  return notation.split('+').map((part) => {
    const [, kind, variable, length] = /^([NX])(\.\.)?(\d+)$/.exec(part) ?? [];
    if (kind === undefined) throw new Error(`bad format ${notation}`);
    const n = Number(length);
    return variable ? { numeric: kind === 'N', max: n } : { numeric: kind === 'N', fixed: n };
  });
}

const range = (from: number, to: number, notation: string): [string, string][] =>
  Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), notation]);

/** Measures by AI group (31nn–36nn): the last digit is the decimal point's place, 0 to 5. */
const measures = (): [string, string][] =>
  range(310, 369, '').flatMap(([head]) =>
    range(0, 5, 'N6').map(([digit, notation]): [string, string] => [head + digit, notation]),
  );

/**
 * The AIs a consumer-facing resolver meets: the keys and qualifiers of trade
 * items, logistic units, places, parties and assets, and the data attributes
 * printed beside them (dates, measures, counts, company-internal data). An AI
 * outside this table is refused, not guessed at.
 */
const FORMATS: ReadonlyMap<string, readonly Component[]> = new Map(
  (
    [
      ['00', 'N18'],
      ['01', 'N14'],
      ['02', 'N14'],
      ['10', 'X..20'],
      ...['11', '12', '13', '15', '16', '17'].map((ai): [string, string] => [ai, 'N6']),
      ['20', 'N2'],
      ['21', 'X..20'],
      ['22', 'X..20'],
      ['235', 'X..28'],
      ['240', 'X..30'],
      ['241', 'X..30'],
      ['242', 'N..6'],
      ['250', 'X..30'],
      ['251', 'X..30'],
      ['253', 'N13+X..17'],
      ['254', 'X..20'],
      ['255', 'N13+N..12'],
      ['30', 'N..8'],
      ...measures(),
      ['37', 'N..8'],
      ...range(3900, 3909, 'N..15'),
      ...range(3910, 3919, 'N3+N..15'),
      ...range(3920, 3929, 'N..15'),
      ...range(3930, 3939, 'N3+N..15'),
      ...range(3940, 3943, 'N4'),
      ['400', 'X..30'],
      ['401', 'X..30'],
      ['402', 'N17'],
      ['403', 'X..30'],
      ...range(410, 417, 'N13'),
      ['422', 'N3'],
      ['424', 'N3'],
      ['426', 'N3'],
      ['7003', 'N10'],
      ['7006', 'N6'],
      ['7007', 'N6+N..6'],
      ['7040', 'X..4'],
      ['8003', 'N14+X..16'],
      ['8004', 'X..30'],
      ['8006', 'N18'],
      ['8008', 'N8+N..4'],
      ['8010', 'X..30'],
      ['8011', 'N..12'],
      ['8017', 'N18'],
      ['8018', 'N18'],
      ['8019', 'N..10'],
      ['90', 'X..30'],
      ...range(91, 99, 'X..90'),
    ] as [string, string][]
  ).map(([ai, notation]) => [ai, format(notation)]),
);

/** Keys whose value ends with a GS1 check digit: checked both ways. */
const CHECKED: Readonly<Record<string, number>> = {
  '00': 18,
  '01': 14,
  '02': 14,
  '253': 13,
  '255': 13,
  '402': 17,
  '410': 13,
  '411': 13,
  '412': 13,
  '413': 13,
  '414': 13,
  '415': 13,
  '416': 13,
  '417': 13,
  '8017': 18,
  '8018': 18,
};

/**
 * The standard's optimisation table: one 8-bit code (a nibble A–F in it, so
 * it is never an AI) for a sequence of AIs often printed together. In table
 * order, which breaks ties when compressing, as GS1's toolkit does.
 */
const OPTIMISATIONS: readonly (readonly [string, readonly string[]])[] = [
  ['0A', ['01', '22']],
  ['0B', ['01', '10']],
  ['0C', ['01', '21']],
  ['0D', ['01', '17']],
  ['0E', ['01', '7003']],
  ['0F', ['01', '30']],
  ['1A', ['01', '10', '21', '17']],
  ['1B', ['01', '15']],
  ['1C', ['01', '11']],
  ['1D', ['01', '16']],
  ['1E', ['01', '91']],
  ['1F', ['01', '10', '15']],
  ...[0, 1, 2, 3, 4, 5].map((d): [string, string[]] => [`2${'ABCDEF'[d]}`, ['01', `310${d}`]]),
  ...[0, 1, 2, 3, 4, 5].map((d): [string, string[]] => [`3${'ABCDEF'[d]}`, ['01', `320${d}`]]),
  ['9A', ['8010', '8011']],
  ['9B', ['8017', '8019']],
  ['9C', ['8018', '8019']],
  ['9D', ['414', '254']],
  ...range(0, 9, '').map(([d]): [string, string[]] => [`A${d}`, ['01', `392${d}`]]),
  ...range(0, 9, '').map(([d]): [string, string[]] => [`C${d}`, ['255', `390${d}`]]),
  ...[0, 1, 2, 3].map((d): [string, string[]] => [`C${'ABCD'[d]}`, ['255', `394${d}`]]),
];
const OPTIMISED = new Map(OPTIMISATIONS);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789ABCDEF';
/** GS1 AI encodable character set 82. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
const NON_GS1_KEY = /^[A-Za-z0-9_-]{1,127}$/;

enum Encoding {
  digits = 0,
  hexLower = 1,
  hexUpper = 2,
  base64 = 3,
  ascii = 4,
}

/** Bits of the length of a value of at most `max` characters, as the standard counts them. */
const lengthBits = (max: number) => Math.ceil(Math.log2(max) + 0.01);
/** Bits of an n-digit number. */
const digitBits = (digits: number) => Math.ceil((digits * Math.log(10)) / Math.log(2) + 0.01);
const bits = (n: number | bigint, width: number) => n.toString(2).padStart(width, '0');

/** The cheapest encoding of a value, in the standard's order of preference. */
function encodingOf(text: string): Encoding {
  if (/^\d+$/.test(text)) return Encoding.digits;
  if (/^[0-9A-F]+$/.test(text)) return Encoding.hexUpper;
  if (/^[0-9a-f]+$/.test(text)) return Encoding.hexLower;
  if (/^[A-Za-z0-9_-]+$/.test(text)) return Encoding.base64;
  return Encoding.ascii;
}

function encodedChars(text: string, encoding: Encoding): string {
  switch (encoding) {
    case Encoding.digits:
      return text === '' ? '' : bits(BigInt(text), digitBits(text.length));
    case Encoding.hexLower:
    case Encoding.hexUpper:
      return [...text.toUpperCase()].map((c) => bits(HEX.indexOf(c), 4)).join('');
    case Encoding.base64:
      return [...text].map((c) => bits(BASE64.indexOf(c), 6)).join('');
    case Encoding.ascii:
      return [...text].map((c) => bits(c.charCodeAt(0), 7)).join('');
  }
}

/** An alphanumeric component: encoding, then its length if variable, then its characters. */
function encodedText(text: string, lengthWidth: number | undefined): string {
  const encoding = encodingOf(text);
  const length = lengthWidth === undefined ? '' : bits(text.length, lengthWidth);
  return bits(encoding, 3) + length + encodedChars(text, encoding);
}

function invalid(message: string): never {
  throw new DigitalLinkCompressionError(message);
}

/** Splits an AI's value into its components, as its format says, or says why it cannot. */
function componentsOf(ai: string, value: string, parts: readonly Component[]): string[] {
  const values: string[] = [];
  let rest = value;
  parts.forEach((part, index) => {
    const last = index === parts.length - 1;
    const piece = part.fixed !== undefined ? rest.slice(0, part.fixed) : rest;
    rest = rest.slice(piece.length);
    const tooLong = part.max !== undefined && piece.length > part.max;
    const tooShort = part.fixed !== undefined && piece.length !== part.fixed;
    const badChars = part.numeric ? !/^\d*$/.test(piece) : !CSET82.test(piece);
    if (tooLong || tooShort || badChars || (last && rest !== '')) {
      invalid(`(${ai}) ${value} does not have the format of AI ${ai}`);
    }
    values.push(piece);
  });
  return values;
}

function checkedValue(ai: string, value: string): void {
  const digits = CHECKED[ai];
  if (digits !== undefined && !hasValidCheckDigit(value.slice(0, digits))) {
    invalid(`(${ai}) ${value} has a wrong check digit`);
  }
}

function encodedValue(ai: string, value: string): string {
  const parts = FORMATS.get(ai) ?? invalid(`AI ${ai} cannot be compressed here`);
  checkedValue(ai, value);
  const pieces = componentsOf(ai, value, parts);
  return parts
    .map((part, i) => {
      const piece = pieces[i] ?? '';
      const length = part.max === undefined ? undefined : lengthBits(part.max);
      if (!part.numeric) return encodedText(piece, length);
      const digits = bits(BigInt(piece === '' ? 0 : piece), digitBits(piece.length));
      return length === undefined
        ? digits
        : bits(piece.length, length) + (piece === '' ? '' : digits);
    })
    .join('');
}

/** The optimisation codes GS1's toolkit would pick: the longest sequence first, then table order. */
function optimisations(ais: Set<string>): string[] {
  const chosen: string[] = [];
  for (;;) {
    let best: (typeof OPTIMISATIONS)[number] | undefined;
    for (const entry of OPTIMISATIONS) {
      const covers = entry[1].every((ai) => ais.has(ai));
      if (covers && (best === undefined || entry[1].join('').length > best[1].join('').length)) {
        best = entry;
      }
    }
    if (best === undefined) return chosen;
    chosen.push(best[0]);
    for (const ai of best[1]) ais.delete(ai);
  }
}

/**
 * The compressed form (the path segment after the resolver's origin) of a
 * Digital Link's element strings (key, qualifiers and data attributes, each
 * AI at most once) and its other key=value pairs, as GS1's toolkit writes it
 * with optimisations and other pairs compressed.
 */
export function compressDigitalLink(
  elements: readonly AiValue[],
  others: readonly (readonly [string, string])[] = [],
): string {
  const values = new Map<string, string>();
  for (const { ai, value } of elements) {
    if (values.has(ai)) invalid(`AI ${ai} appears twice`);
    values.set(ai, value);
  }
  const remaining = new Set(values.keys());
  let out = '';
  for (const code of optimisations(remaining)) {
    out += bits(parseInt(code, 16), 8);
    for (const ai of OPTIMISED.get(code) ?? []) out += encodedValue(ai, values.get(ai) ?? '');
  }
  for (const ai of [...remaining].sort()) {
    out +=
      [...ai].map((digit) => bits(Number(digit), 4)).join('') +
      encodedValue(ai, values.get(ai) ?? '');
  }
  for (const [key, value] of others) {
    if (!NON_GS1_KEY.test(key)) invalid(`the key ${key} cannot be compressed`);
    if (value.length > 127 || !/^[\x20-\x7e]*$/.test(value)) {
      invalid(`the value of ${key} cannot be compressed`);
    }
    out += '1111' + bits(key.length, 7) + encodedChars(key, Encoding.base64);
    out += encodedText(value, 7);
  }
  out = out.padEnd(Math.ceil(out.length / 6) * 6, '0');
  let text = '';
  for (let i = 0; i < out.length; i += 6) text += BASE64[parseInt(out.slice(i, i + 6), 2)];
  return text;
}

/** Reads bits left to right, and refuses to read past the end. */
class BitReader {
  private cursor = 0;

  constructor(private readonly bitString: string) {}

  get remaining(): number {
    return this.bitString.length - this.cursor;
  }

  read(width: number): string {
    if (width > this.remaining) invalid('the compressed link ends in the middle of a value');
    const read = this.bitString.slice(this.cursor, this.cursor + width);
    this.cursor += width;
    return read;
  }

  number(width: number): number {
    return width === 0 ? 0 : parseInt(this.read(width), 2);
  }

  digits(count: number): string {
    if (count === 0) return '';
    const text = BigInt(`0b${this.read(digitBits(count))}`).toString();
    if (text.length > count) invalid('a number in the compressed link is too long');
    return text.padStart(count, '0');
  }

  /** A 3-bit encoding indicator: 5 to 7 are reserved. */
  encoding(): Encoding {
    const indicator = this.number(3);
    if (indicator > 4) invalid(`the compressed link uses a reserved encoding (${indicator})`);
    return indicator;
  }

  chars(count: number, encoding: Encoding): string {
    switch (encoding) {
      case Encoding.digits:
        return this.digits(count);
      case Encoding.hexLower:
      case Encoding.hexUpper: {
        const hex = Array.from({ length: count }, () => HEX[this.number(4)]).join('');
        return encoding === Encoding.hexLower ? hex.toLowerCase() : hex;
      }
      case Encoding.base64:
        return Array.from({ length: count }, () => BASE64[this.number(6)]).join('');
      case Encoding.ascii:
        return Array.from({ length: count }, () => String.fromCharCode(this.number(7))).join('');
    }
  }
}

function decodedValue(ai: string, reader: BitReader): string {
  const parts = FORMATS.get(ai) ?? invalid(`AI ${ai} is not one this resolver reads`);
  let value = '';
  for (const part of parts) {
    if (part.numeric) {
      const count = part.fixed ?? reader.number(lengthBits(part.max ?? 0));
      value += reader.digits(count);
      continue;
    }
    const encoding = reader.encoding();
    const count = part.fixed ?? reader.number(lengthBits(part.max ?? 0));
    value += reader.chars(count, encoding);
  }
  componentsOf(ai, value, parts);
  checkedValue(ai, value);
  return value;
}

/** The AI starting with these two digits: two, three or four digits long, as the table has it. */
function readAi(head: string, reader: BitReader): string {
  let ai = head;
  while (!FORMATS.has(ai)) {
    if (ai.length === 4) invalid(`AI ${head}… is not one this resolver reads`);
    const digit = reader.number(4);
    if (digit > 9) invalid('an Application Identifier has a digit that is not one');
    ai += String(digit);
  }
  return ai;
}

/**
 * The element strings and other key=value pairs of a compressed Digital Link
 * path segment, each AI checked against its format (and its check digit).
 * Throws DigitalLinkCompressionError for anything else.
 */
export function decompressDigitalLink(compressed: string): DecompressedDigitalLink {
  if (!/^[A-Za-z0-9_-]+$/.test(compressed)) invalid('not in the URI-safe base64 alphabet');
  const reader = new BitReader([...compressed].map((c) => bits(BASE64.indexOf(c), 6)).join(''));
  const elements: AiValue[] = [];
  const others: [string, string][] = [];
  const seen = new Set<string>();
  const add = (ai: string, value: string) => {
    if (seen.has(ai)) invalid(`AI ${ai} appears twice`);
    seen.add(ai);
    elements.push({ ai, value });
  };
  // What is left after the last value is padding: fewer than 6 bits, all zero.
  while (reader.remaining >= 6) {
    const h1 = reader.number(4);
    const h2 = reader.number(4);
    if (h1 <= 9 && h2 <= 9) {
      const ai = readAi(`${h1}${h2}`, reader);
      add(ai, decodedValue(ai, reader));
    } else if (h1 === 15) {
      const keyLength = (h2 << 3) | reader.number(3);
      const key = reader.chars(keyLength, Encoding.base64);
      const encoding = reader.encoding();
      const value = reader.chars(reader.number(7), encoding);
      if (key === '') invalid('a key=value pair has no key');
      others.push([key, value]);
    } else {
      const code = `${HEX[h1]}${HEX[h2]}`;
      const sequence = OPTIMISED.get(code) ?? invalid(`no optimisation has the code ${code}`);
      for (const ai of sequence) add(ai, decodedValue(ai, reader));
    }
  }
  if (/1/.test(reader.read(reader.remaining))) invalid('the compressed link has trailing bits');
  if (elements.length === 0) invalid('the compressed link names no GS1 key');
  return { elements, others };
}
