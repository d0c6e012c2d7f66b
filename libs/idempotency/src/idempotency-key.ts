import { ProblemException } from '@pujiang/http';
import { canonicalSha256 } from '@pujiang/standards';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Printable ASCII without spaces; a Structured Field string ("…") is taken without its quotes. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const QUOTED = /^"([^"\\]*)"$/;

/**
 * The Idempotency-Key header (draft-ietf-httpapi-idempotency-key-header) of
 * a request: undefined when none was sent, a 400 when it cannot be one key.
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) {
    throw new ProblemException(400, 'send one Idempotency-Key header, not several');
  }
  const key = QUOTED.exec(header)?.[1] ?? header;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ProblemException(
      400,
      'an Idempotency-Key is 1 to 255 printable ASCII characters without spaces',
    );
  }
  return key;
}

/**
 * What makes two requests under one key "the same": method, target (path and
 * query) and body as the client sent them, the body compared as JSON (RFC
 * 8785), so key order and spacing do not matter but every value does.
 */
export function requestFingerprint(method: string, target: string, body: unknown): string {
  return canonicalSha256({ method, target, body: body ?? null });
}
