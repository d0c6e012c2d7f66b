import { canonicalJson } from '@pujiang/standards';
import { jose } from './jose-runtime';
import { JwsSignatureError, MalformedJwsError } from './jws-errors';
import {
  type SigningKey,
  type VerificationKey,
  type VerificationKeys,
  acceptedAlgorithms,
  keyList,
} from './signing-keys';

/** The three Base64url parts of RFC 7515 §7.1; an empty signature is `alg: none`. */
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

/** A JWS whose signature held, with its payload parsed but not yet checked for shape. */
export interface VerifiedJws {
  /** Parsed JSON. Verified means "signed by this key", not "a valid message": callers check. */
  readonly payload: unknown;
  /** The registered key that verified it (useful for audit: which key a platform used). */
  readonly verifiedBy: VerificationKey;
}

/** The parts of a JWS protected header this code acts on. */
export interface JwsHeader {
  readonly alg: string;
  readonly kid?: string;
}

/**
 * Signs a JSON payload as a JWS compact serialisation with header `{alg, kid}`. The payload
 * is serialised canonically (RFC 8785) so that the same message always yields the same
 * signed bytes; what a checksum covers is then the JWS string itself.
 */
export async function signCompactJws(payload: unknown, key: SigningKey): Promise<string> {
  const bytes = Buffer.from(canonicalJson(payload), 'utf8');
  return new jose.CompactSign(bytes)
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .sign(key.privateKey);
}

/**
 * Verifies a JWS against every key its signer is trusted with and returns the parsed payload.
 *
 * Only the trusted keys decide which algorithm is acceptable: a header asking for `none`,
 * for HS256 (an HMAC keyed with the public key) or for any algorithm the keys do not have
 * is refused before any cryptography runs. `kid` only orders the keys tried, since a
 * platform may name its keys differently from us.
 *
 * @throws MalformedJwsError when the input is not a compact JWS with JSON header and payload
 * @throws JwsSignatureError when no trusted key verifies it
 */
export async function verifyCompactJws(jws: unknown, keys: VerificationKeys): Promise<VerifiedJws> {
  const { header, signed } = splitCompactJws(jws);
  if (header.alg === 'none' || signed.signature === '') {
    throw new JwsSignatureError('unsigned JWS (alg "none") is never accepted');
  }
  const candidates = keyList(keys).filter((key) => acceptedAlgorithms(key).includes(header.alg));
  if (candidates.length === 0) {
    const trusted = [...new Set(keyList(keys).map((key) => key.alg))].join(', ') || 'none';
    throw new JwsSignatureError(
      `JWS uses alg ${header.alg}, but the signer's keys are for ${trusted}`,
    );
  }
  const ordered = [
    ...candidates.filter((key) => key.kid === header.kid),
    ...candidates.filter((key) => key.kid !== header.kid),
  ];
  for (const key of ordered) {
    let verifiedPayload: Uint8Array;
    try {
      ({ payload: verifiedPayload } = await jose.compactVerify(signed.compact, key.publicKey, {
        algorithms: [header.alg],
      }));
    } catch (error: unknown) {
      if (joseErrorCode(error) === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') continue;
      throw translateJoseError(error);
    }
    return { payload: parseJsonBytes(verifiedPayload, 'payload'), verifiedBy: key };
  }
  throw new JwsSignatureError('signature does not verify with any key registered for the signer');
}

/**
 * Reads a JWS's header and payload WITHOUT verifying it. The one legitimate use is to find
 * out who claims to have signed (a chain entry's `eblPlatform`) so as to pick the keys that
 * will then verify it; nothing read here may be trusted until `verifyCompactJws` agrees.
 *
 * @throws MalformedJwsError
 */
export function readUnverifiedJws(jws: unknown): { header: JwsHeader; payload: unknown } {
  const { header, signed } = splitCompactJws(jws);
  return { header, payload: parseJsonBytes(fromBase64url(signed.payload), 'payload') };
}

interface CompactParts {
  readonly compact: string;
  readonly payload: string;
  readonly signature: string;
}

function splitCompactJws(jws: unknown): { header: JwsHeader; signed: CompactParts } {
  if (typeof jws !== 'string') throw new MalformedJwsError('JWS is not a string');
  const parts = COMPACT_JWS.exec(jws);
  if (parts === null) throw new MalformedJwsError('not a JWS compact serialisation');
  const [, headerPart, payload, signature] = parts as unknown as [string, string, string, string];
  const header = parseJsonBytes(fromBase64url(headerPart), 'protected header');
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new MalformedJwsError('JWS protected header is not a JSON object');
  }
  const { alg, kid } = header as Record<string, unknown>;
  if (typeof alg !== 'string') throw new MalformedJwsError('JWS protected header has no alg');
  if (kid !== undefined && typeof kid !== 'string') {
    throw new MalformedJwsError('JWS protected header kid is not a string');
  }
  return {
    header: kid === undefined ? { alg } : { alg, kid },
    signed: { compact: jws, payload, signature },
  };
}

function fromBase64url(part: string): Uint8Array {
  return Buffer.from(part, 'base64url');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonBytes(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch {
    throw new MalformedJwsError(`JWS ${what} is not UTF-8 JSON`);
  }
}

/** jose's errors come from another realm under Jest, so they are told apart by `code`. */
function joseErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return typeof error.code === 'string' ? error.code : undefined;
  }
  return undefined;
}

function translateJoseError(error: unknown): unknown {
  const code = joseErrorCode(error);
  const message =
    typeof error === 'object' && error !== null && 'message' in error
      ? String(error.message)
      : String(error);
  if (code === 'ERR_JWS_INVALID' || code === 'ERR_JOSE_NOT_SUPPORTED') {
    return new MalformedJwsError(message);
  }
  if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') return new JwsSignatureError(message);
  return error;
}
