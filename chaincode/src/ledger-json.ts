import canonicalize from 'canonicalize';

/**
 * Every peer must write byte-identical state, so state and event payloads are
 * serialised as RFC 8785 canonical JSON (sorted keys, fixed number format).
 */
export function toLedgerJson(value: object): string {
  const json = canonicalize(value);
  if (json === undefined) {
    throw new Error('value cannot be represented as JSON');
  }
  return json;
}
