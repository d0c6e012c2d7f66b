import { createHash } from 'node:crypto';
import { canonicalJson } from '@pujiang/standards';
import type { DateInput } from './calendar-date';

/**
 * The id of the claim a parametric trigger opens, derived from what identifies the firing, so
 * that recomputing after a redelivered reading names the same claim and an insert of it is a
 * no-op. Name-based UUID as RFC 9562 §5.8 and appendix B.2 describe for SHA-256: the hash of
 * a namespace and the name, cut to 128 bits, with version 8 and the RFC variant set.
 *
 * `windowStart` must be stable across recomputation: pass the start of the insured transit or
 * cover period, not the excursion's start, which a late reading earlier in time can move.
 */
export const PARAMETRIC_CLAIM_NAMESPACE = 'f5785174-ea1d-40a9-9811-0923f357fa48';

export function parametricClaimId(
  policyId: string,
  triggerIndex: number,
  windowStart: DateInput,
): string {
  if (policyId.length === 0) throw new RangeError('policyId is empty');
  if (!Number.isSafeInteger(triggerIndex) || triggerIndex < 0) {
    throw new RangeError('triggerIndex must be a whole number, 0 or more');
  }
  const start = new Date(windowStart);
  if (Number.isNaN(start.getTime()))
    throw new RangeError(`windowStart '${String(windowStart)}' is not a time`);
  // One instant, one spelling: '2024-06-01T10:00+02:00' and a Date of it give the same id.
  const name = canonicalJson({ policyId, triggerIndex, windowStart: start.toISOString() });
  return nameBasedUuid(PARAMETRIC_CLAIM_NAMESPACE, name);
}

/**
 * The id of the claim a first notice of loss sent with an Idempotency-Key files: the same
 * claimant and key name the same claim, so a retry after the ledger committed the notice but
 * the answer was lost finds that claim instead of filing a second one.
 */
export const NOTICE_CLAIM_NAMESPACE = '3b0f5c1e-8d0a-4c55-9a3e-6f2d71c4b9a2';

export function noticeClaimId(claimant: string, idempotencyKey: string): string {
  if (claimant.length === 0 || idempotencyKey.length === 0) {
    throw new RangeError('a notice claim id needs a claimant and a key');
  }
  return nameBasedUuid(NOTICE_CLAIM_NAMESPACE, canonicalJson({ claimant, idempotencyKey }));
}

function nameBasedUuid(namespace: string, name: string): string {
  const bytes = createHash('sha256')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
