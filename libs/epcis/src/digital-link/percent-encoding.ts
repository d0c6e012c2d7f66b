/**
 * How a GS1 AI value is written in a Digital Link path segment: the one rule that
 * buildDigitalLink, canonicalDigitalLink and epcToDigitalLink share
 * (docs/decisions/0012-percent-encoding-of-identifiers.md).
 *
 * GS1 Digital Link 1.2 (URI syntax, ABNF `XCHAR`) lets only digits, letters, `-`, `.` and `_` of
 * AI character set 82 stand as themselves; every other character of a value is percent-encoded.
 * That is RFC 3986's unreserved set, so a value is written the way GS1's own syntax engine
 * writes it: every octet outside `A-Z a-z 0-9 - . _ ~` as `%XX` in upper-case hex. Readers accept
 * any spelling of the same value; this is the one spelling writers produce.
 */

/** encodeURIComponent leaves these sub-delimiters alone; Digital Link values escape them too. */
const SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT = /[!'()*]/g;

/** An AI value (decoded text) as a canonical Digital Link path segment. */
export function encodeAiValue(value: string): string {
  return encodeURIComponent(value).replace(
    SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The text a path segment or an EPC URN component stands for, whichever way it was spelled
 * (escaped or not where RFC 3986 allows, upper- or lower-case hex); undefined when an escape is
 * broken.
 */
export function decodeAiValue(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** A segment respelled canonically; undefined when it is not well-formed percent-encoded text. */
export function recodeAiValue(segment: string): string | undefined {
  const value = decodeAiValue(segment);
  try {
    return value === undefined ? undefined : encodeAiValue(value);
  } catch {
    return undefined; // a lone surrogate: no UTF-8, so no URI spelling at all
  }
}
