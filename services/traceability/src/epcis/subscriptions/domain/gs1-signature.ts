import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header GS1's REST binding names for the signature of a subscription delivery. */
export const SIGNATURE_HEADER = 'GS1-Signature';

const SCHEME = 'sha256=';

/**
 * The GS1-Signature of a delivery: HMAC-SHA256 of the exact body bytes,
 * keyed with the subscriber's signatureToken, as `sha256=<hex>` (decision
 * 0020). The binding leaves the scheme to the implementation; this is the
 * form webhook receivers commonly verify.
 */
export function signDelivery(body: string, signatureToken: string): string {
  return SCHEME + createHmac('sha256', signatureToken).update(body, 'utf8').digest('hex');
}

/** What a receiver does: recompute the HMAC over the body it got and compare in constant time. */
export function verifyDeliverySignature(
  body: string,
  signatureToken: string,
  header: string | undefined,
): boolean {
  if (header === undefined || !header.startsWith(SCHEME)) return false;
  const expected = Buffer.from(signDelivery(body, signatureToken));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
