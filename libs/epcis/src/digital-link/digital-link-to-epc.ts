import { DigitalLinkError, parseDigitalLink } from './digital-link';

/**
 * GS1 Digital Link URIs to EPC URIs (TDS sections 6 and 8), the way back of
 * epcToDigitalLink. An EPC URN splits the key at the GS1 company prefix, whose
 * length the Digital Link does not carry: it is read from the prefixes the
 * caller knows (the longest that starts the key wins). Without one, or for a
 * key with no EPC scheme here, there is no URN (undefined).
 */
export function digitalLinkToEpc(
  uri: string,
  companyPrefixes: readonly string[],
): string | undefined {
  let link;
  try {
    link = parseDigitalLink(uri);
  } catch (error) {
    if (error instanceof DigitalLinkError) return undefined;
    throw error;
  }
  const prefixOf = (digits: string) =>
    companyPrefixes
      .filter((prefix) => digits.startsWith(prefix) && prefix.length < digits.length)
      .sort((a, b) => b.length - a.length)[0];
  const qualifiers = link.qualifiers.map((q) => q.ai).join(',');
  const { ai, value } = link.primaryKey;

  if (ai === '01') {
    // GTIN-14: indicator digit, company prefix, item reference, check digit.
    const prefix = prefixOf(value.slice(1, 13));
    if (prefix === undefined) return undefined;
    const item = value[0] + value.slice(1 + prefix.length, 13);
    if (qualifiers === '21' && link.serial !== undefined) {
      return `urn:epc:id:sgtin:${prefix}.${item}.${urnComponent(link.serial)}`;
    }
    if (qualifiers === '10' && link.lot !== undefined) {
      return `urn:epc:class:lgtin:${prefix}.${item}.${urnComponent(link.lot)}`;
    }
    return undefined;
  }
  if (qualifiers !== '' && !(ai === '414' && qualifiers === '254')) return undefined;
  if (ai === '00') {
    const prefix = prefixOf(value.slice(1, 17));
    return prefix && `urn:epc:id:sscc:${prefix}.${value[0]}${value.slice(1 + prefix.length, 17)}`;
  }
  const reference13 = (scheme: string, extension: string) => {
    const prefix = prefixOf(value.slice(0, 12));
    return prefix && `urn:epc:id:${scheme}:${prefix}.${value.slice(prefix.length, 12)}${extension}`;
  };
  switch (ai) {
    case '414':
      return reference13('sgln', `.${urnComponent(link.glnExtension ?? '0')}`);
    case '417':
      return reference13('pgln', '');
    case '8003': {
      // '0', then a GRAI-13 (prefix, asset type, check digit), then the serial.
      const prefix = prefixOf(value.slice(1, 13));
      const serial = value.slice(14);
      return (
        prefix &&
        `urn:epc:id:grai:${prefix}.${value.slice(1 + prefix.length, 13)}.${urnComponent(serial)}`
      );
    }
    case '8004': {
      const prefix = prefixOf(value);
      return prefix && `urn:epc:id:giai:${prefix}.${urnComponent(value.slice(prefix.length))}`;
    }
    default:
      return undefined;
  }
}

/** A value as a URN component: TDS escapes only `"%&/<>?`. */
function urnComponent(value: string): string {
  return value.replace(
    /["%&/<>?]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
