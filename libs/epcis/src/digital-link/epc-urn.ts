import { gs1CheckDigit } from '@pujiang/standards';
import { recodeAiValue } from './percent-encoding';

/**
 * EPC URIs (GS1 EPC Tag Data Standard, sections 6 and 8) to canonical GS1 Digital Link URIs.
 *
 * An EPC URN splits the GS1 key at the company prefix ("0614141.107346"), because the tag
 * encoding needs to know its length; the Digital Link carries the plain key with its check
 * digit. Where a scheme has an indicator or extension digit it leads the second field and moves
 * in front of the company prefix.
 */

export const CANONICAL_DL_ORIGIN = 'https://id.gs1.org';

type Converter = (fields: readonly string[]) => string | undefined;

interface SchemeRule {
  /** How many '.'-separated fields the body has; the last one keeps any further dots. */
  readonly fields: number;
  readonly convert: Converter;
}

const COMPANY_PREFIX = /^\d{6,12}$/;
const DIGITS = /^\d*$/;
/** TDS "GS3A3" component characters, with %-escapes. */
const GS3A3 = /^(?:[!'()*+,\-.0-9:;=A-Z_a-z]|%[0-9A-Fa-f]{2})+$/;

/** Company prefix + reference of a fixed total length, both numeric. */
function numericKey(prefix: string, reference: string, total: number): string | undefined {
  if (!COMPANY_PREFIX.test(prefix) || !DIGITS.test(reference)) return undefined;
  return prefix.length + reference.length === total ? prefix + reference : undefined;
}

/** GTIN-14 from "company prefix" + "indicator digit and item reference". */
function gtin14(prefix: string, itemReference: string): string | undefined {
  const digits = numericKey(prefix, itemReference, 13);
  if (digits === undefined) return undefined;
  const body = itemReference[0] + prefix + itemReference.slice(1);
  return body + gs1CheckDigit(body);
}

/** GLN-style 13-digit key (GLN, GDTI, GRAI, GCN) from prefix + 12-digit-complement reference. */
function key13(prefix: string, reference: string): string | undefined {
  const body = numericKey(prefix, reference, 12);
  return body === undefined ? undefined : body + gs1CheckDigit(body);
}

function withChecked(prefix: string, reference: string, total: number): string | undefined {
  const body = numericKey(prefix, reference, total);
  return body === undefined ? undefined : body + gs1CheckDigit(body);
}

/**
 * A URN component as a Digital Link value. TDS escapes only `"%&/<>?` in a URN and lets
 * `!'()*+,:;=` stand; the component is decoded to its value and written as every Digital Link
 * value is written (percent-encoding.ts), so a URN and the Digital Link built from the same
 * value are one string.
 */
function component(value: string, maxLength: number): string | undefined {
  return value.length > 0 && value.length <= maxLength * 3 && GS3A3.test(value)
    ? recodeAiValue(value)
    : undefined;
}

function dl(...segments: (string | undefined)[]): string | undefined {
  return segments.includes(undefined) ? undefined : [CANONICAL_DL_ORIGIN, ...segments].join('/');
}

const ID_SCHEMES: Readonly<Record<string, SchemeRule>> = {
  sgtin: {
    fields: 3,
    convert: ([cp, item, serial]) => dl('01', gtin14(cp, item), '21', component(serial, 20)),
  },
  sscc: {
    fields: 2,
    convert: ([cp, serialReference]) => {
      if (numericKey(cp, serialReference, 17) === undefined) return undefined;
      const body = serialReference[0] + cp + serialReference.slice(1);
      return dl('00', body + gs1CheckDigit(body));
    },
  },
  sgln: {
    fields: 3,
    convert: ([cp, location, extension]) => {
      const gln = key13(cp, location);
      // Extension "0" is how an SGLN says "the location itself, no sub-location".
      return extension === '0' ? dl('414', gln) : dl('414', gln, '254', component(extension, 20));
    },
  },
  grai: {
    fields: 3,
    convert: ([cp, assetType, serial]) => {
      const grai = key13(cp, assetType);
      const tail = component(serial, 16);
      return grai && tail !== undefined ? dl('8003', `0${grai}${tail}`) : undefined;
    },
  },
  giai: {
    fields: 2,
    convert: ([cp, asset]) =>
      COMPANY_PREFIX.test(cp) ? dl('8004', component(cp + asset, 30)) : undefined,
  },
  gsrn: { fields: 2, convert: ([cp, service]) => dl('8018', withChecked(cp, service, 17)) },
  gsrnp: { fields: 2, convert: ([cp, service]) => dl('8017', withChecked(cp, service, 17)) },
  gdti: {
    fields: 3,
    convert: ([cp, documentType, serial]) => {
      const gdti = key13(cp, documentType);
      const tail = serial === '' ? '' : component(serial, 17);
      return gdti && tail !== undefined ? dl('253', gdti + tail) : undefined;
    },
  },
  cpi: {
    fields: 3,
    convert: ([cp, reference, serial]) =>
      COMPANY_PREFIX.test(cp) && /^\d{1,12}$/.test(serial)
        ? dl('8010', component(cp + reference, 30), '8011', serial)
        : undefined,
  },
  sgcn: {
    fields: 3,
    convert: ([cp, coupon, serial]) =>
      /^\d{1,12}$/.test(serial) ? dl('255', key13(cp, coupon)?.concat(serial)) : undefined,
  },
  ginc: {
    fields: 2,
    convert: ([cp, consignment]) =>
      COMPANY_PREFIX.test(cp) ? dl('401', component(cp + consignment, 30)) : undefined,
  },
  gsin: { fields: 2, convert: ([cp, shipper]) => dl('402', withChecked(cp, shipper, 16)) },
  itip: {
    fields: 5,
    convert: ([cp, item, piece, total, serial]) => {
      const gtin = gtin14(cp, item);
      if (!gtin || !/^\d{2}$/.test(piece) || !/^\d{2}$/.test(total)) return undefined;
      return dl('8006', gtin + piece + total, '21', component(serial, 20));
    },
  },
  upui: {
    fields: 3,
    convert: ([cp, item, tpx]) => dl('01', gtin14(cp, item), '235', component(tpx, 28)),
  },
  pgln: { fields: 2, convert: ([cp, party]) => dl('417', key13(cp, party)) },
};

const CLASS_SCHEMES: Readonly<Record<string, SchemeRule>> = {
  lgtin: {
    fields: 3,
    convert: ([cp, item, lot]) => dl('01', gtin14(cp, item), '10', component(lot, 20)),
  },
};

/** ID patterns name a class of objects: the key without its serial part, with '*' for the rest. */
const PATTERN_SCHEMES: Readonly<Record<string, SchemeRule>> = {
  sgtin: { fields: 3, convert: ([cp, item, rest]) => wild(rest, dl('01', gtin14(cp, item))) },
  grai: {
    fields: 3,
    convert: ([cp, type, rest]) => {
      const grai = key13(cp, type);
      return wild(rest, grai && dl('8003', `0${grai}`));
    },
  },
  gdti: { fields: 3, convert: ([cp, type, rest]) => wild(rest, dl('253', key13(cp, type))) },
  sgcn: { fields: 3, convert: ([cp, coupon, rest]) => wild(rest, dl('255', key13(cp, coupon))) },
  cpi: {
    fields: 3,
    convert: ([cp, reference, rest]) =>
      COMPANY_PREFIX.test(cp) ? wild(rest, dl('8010', component(cp + reference, 30))) : undefined,
  },
  itip: {
    fields: 5,
    convert: ([cp, item, piece, total, rest]) => {
      const gtin = gtin14(cp, item);
      if (!gtin || !/^\d{2}$/.test(piece) || !/^\d{2}$/.test(total)) return undefined;
      return wild(rest, dl('8006', gtin + piece + total));
    },
  },
  upui: { fields: 3, convert: ([cp, item, rest]) => wild(rest, dl('01', gtin14(cp, item))) },
};

function wild(rest: string, uri: string | undefined): string | undefined {
  return rest === '*' ? uri : undefined;
}

/** Splits on the first (fields - 1) dots: serial numbers may themselves contain dots. */
function splitFields(body: string, fields: number): string[] | undefined {
  const parts: string[] = [];
  let rest = body;
  for (let i = 1; i < fields; i++) {
    const dot = rest.indexOf('.');
    if (dot < 0) return undefined;
    parts.push(rest.slice(0, dot));
    rest = rest.slice(dot + 1);
  }
  parts.push(rest);
  return parts;
}

const EPC_URN = /^urn:epc:(id|class|idpat):([a-z]+):(.+)$/;

/**
 * The canonical Digital Link URI (https://id.gs1.org/…) of an EPC pure identity URI, EPC class
 * URI (LGTIN) or EPC ID pattern URI, or undefined when the URN is not one of the GS1 key schemes
 * (BIC, IMOVN, GID, ADI and USDoD have no Digital Link) or is malformed.
 */
export function epcToDigitalLink(urn: string): string | undefined {
  const match = EPC_URN.exec(urn);
  if (!match) return undefined;
  const [, kind, scheme, body] = match;
  const table = kind === 'id' ? ID_SCHEMES : kind === 'class' ? CLASS_SCHEMES : PATTERN_SCHEMES;
  const rule = Object.prototype.hasOwnProperty.call(table, scheme) ? table[scheme] : undefined;
  if (!rule) return undefined;
  const fields = splitFields(body, rule.fields);
  return fields && rule.convert(fields);
}
