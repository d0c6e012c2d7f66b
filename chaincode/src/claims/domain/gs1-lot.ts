import { hasValidCheckDigit } from '../../../../libs/standards/src';

/**
 * A lot as GS1 Digital Link names it: any resolver host and path prefix, then
 * `/01/{GTIN-14}/10/{lot}` (RFC 3986 path characters, GS1's own percent-encoded)
 * and nothing after: a lot, not a query. The GTIN's
 * check digit is checked here for the same reason as a container's: cheap,
 * pure, and it catches the typo that would link a claim to another product.
 */
const LOT_URI =
  /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~%-]+)*\/01\/([0-9]{14})\/10\/([A-Za-z0-9._~%!$&'()*+,;=:@-]{1,60})$/;
const MAX_URI = 512;

export function isLotDigitalLink(value: string): boolean {
  if (value.length > MAX_URI) return false;
  const gtin = LOT_URI.exec(value)?.[1];
  return gtin !== undefined && hasValidCheckDigit(gtin);
}
