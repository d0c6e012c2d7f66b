import { CANONICAL_DL_ORIGIN, epcToDigitalLink } from './epc-urn';

/**
 * What an EPC ID pattern (`urn:epc:idpat:…`, TDS section 8) matches among identifiers held as
 * canonical Digital Links: those starting with `prefix` (a literal, for an index) and matching
 * `regex` (POSIX, anchored).
 */
export interface IdentifierPattern {
  prefix: string;
  regex: string;
}

interface PatternScheme {
  ai: string;
  fields: number;
  /** What the Digital Link value carries before the company prefix (an indicator digit…). */
  lead: string;
  /** The serial follows the key in the same value (GRAI, GDTI, SGCN), not after a `/`. */
  joined?: boolean;
}

const SCHEMES: Readonly<Record<string, PatternScheme>> = {
  sgtin: { ai: '01', fields: 3, lead: '[0-9]' },
  sscc: { ai: '00', fields: 2, lead: '[0-9]' },
  sgln: { ai: '414', fields: 3, lead: '' },
  grai: { ai: '8003', fields: 3, lead: '0', joined: true },
  giai: { ai: '8004', fields: 2, lead: '' },
  gsrn: { ai: '8018', fields: 2, lead: '' },
  gsrnp: { ai: '8017', fields: 2, lead: '' },
  gdti: { ai: '253', fields: 3, lead: '', joined: true },
  cpi: { ai: '8010', fields: 3, lead: '' },
  sgcn: { ai: '255', fields: 3, lead: '', joined: true },
  ginc: { ai: '401', fields: 2, lead: '' },
  gsin: { ai: '402', fields: 2, lead: '' },
  itip: { ai: '8006', fields: 5, lead: '[0-9]' },
  upui: { ai: '01', fields: 3, lead: '[0-9]' },
  pgln: { ai: '417', fields: 2, lead: '' },
};

const IDPAT = /^urn:epc:idpat:([a-z]+):(.+)$/;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ORIGIN = escapeRegex(CANONICAL_DL_ORIGIN);

/**
 * The identifiers an EPC ID pattern names, or undefined when it is not a pattern TDS allows:
 * fixed fields first, then only `*` (`sgtin:0614141.107346.*`, `sgtin:0614141.*.*`, `sgtin:*.*.*`).
 * A pattern with every field fixed names one EPC. Digital Links do not keep where the company
 * prefix ends, so a company-prefix pattern also matches keys whose longer prefix starts with it.
 */
export function epcPattern(urn: string): IdentifierPattern | undefined {
  const match = IDPAT.exec(urn.trim());
  if (!match) return undefined;
  const [, scheme, body] = match;
  const rule = Object.prototype.hasOwnProperty.call(SCHEMES, scheme) ? SCHEMES[scheme] : undefined;
  if (!rule) return undefined;
  // A pattern with no wildcard is one EPC (its serial may hold dots).
  if (!body.includes('*')) return exactly(epcToDigitalLink(`urn:epc:id:${scheme}:${body}`));
  const fields = body.split('.');
  const concrete = fields.indexOf('*');
  if (fields.length !== rule.fields || fields.slice(concrete).some((field) => field !== '*')) {
    return undefined;
  }
  if (fields.slice(0, concrete).some((field) => field.includes('*'))) return undefined;
  const base = `${CANONICAL_DL_ORIGIN}/${rule.ai}/`;
  if (concrete === 0) return { prefix: base, regex: `^${ORIGIN}/${rule.ai}/` };
  const [companyPrefix] = fields;
  if (!/^\d{6,12}$/.test(companyPrefix)) return undefined;
  if (concrete === 1) {
    return {
      prefix: rule.lead.startsWith('[') ? base : `${base}${rule.lead}${companyPrefix}`,
      regex: `^${ORIGIN}/${rule.ai}/${rule.lead}${companyPrefix}`,
    };
  }
  if (concrete !== rule.fields - 1) return undefined;
  // The key is fixed, the last field is not: the key itself and everything below it (an
  // SGLN's location with any extension, a GTIN with any serial).
  const key = fields.slice(0, concrete).join('.');
  const link = epcToDigitalLink(
    scheme === 'sgln' ? `urn:epc:id:sgln:${key}.0` : `urn:epc:idpat:${scheme}:${key}.*`,
  );
  if (link === undefined) return undefined;
  return { prefix: link, regex: `^${escapeRegex(link)}${rule.joined ? '' : '(/|$)'}` };
}

function exactly(link: string | undefined): IdentifierPattern | undefined {
  return link === undefined ? undefined : { prefix: link, regex: `^${escapeRegex(link)}$` };
}
