import { canonicalIdentifier, digitalLinkToEpc } from '@pujiang/epcis';

/**
 * GS1-EPC-Format (EPCIS 2.0 REST binding): how the identifiers of a query
 * answer are written. `No_Preference` (or no header) leaves them as captured,
 * as `Never_Translates` does; the answer's own header says which was applied.
 */
export type AppliedEpcFormat = 'Always_GS1_Digital_Link' | 'Always_EPC_URN' | 'Never_Translates';

export function appliedEpcFormat(header: string | undefined): AppliedEpcFormat {
  const asked = header?.trim();
  return asked === 'Always_GS1_Digital_Link' || asked === 'Always_EPC_URN'
    ? asked
    : 'Never_Translates';
}

/** Members whose value is one identifier, or a list of them (EPCIS 2.0 §7.3). */
const IDENTIFIER = new Set(['parentID', 'epcClass', 'source', 'destination']);
const IDENTIFIER_LIST = new Set(['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']);
const WITH_ID = new Set(['readPoint', 'bizLocation']);

/**
 * The document with every EPC written in `format`: as a canonical GS1
 * Digital Link, or as an EPC URN where the company prefix is one of
 * `companyPrefixes` (an identifier whose prefix length is not known stays a
 * Digital Link, decision 0031). Any other value is left as it is.
 */
export function withEpcFormat<T>(
  document: T,
  format: AppliedEpcFormat,
  companyPrefixes: readonly string[],
): T {
  if (format === 'Never_Translates') return document;
  const translate = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    if (format === 'Always_GS1_Digital_Link') return canonicalIdentifier(value);
    if (value.startsWith('urn:epc:')) return value;
    return digitalLinkToEpc(canonicalIdentifier(value), companyPrefixes) ?? value;
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key === '@context') return [key, value];
        if (IDENTIFIER.has(key)) return [key, translate(value)];
        if (IDENTIFIER_LIST.has(key) && Array.isArray(value)) return [key, value.map(translate)];
        if (WITH_ID.has(key) && typeof value === 'object' && value !== null) {
          const place = value as Record<string, unknown>;
          return [key, { ...place, id: translate(place.id) }];
        }
        return [key, walk(value)];
      }),
    );
  };
  return walk(document) as T;
}
