import {
  type JsonWebKey,
  KeyObject,
  type webcrypto,
  createPrivateKey,
  createPublicKey,
} from 'node:crypto';
import { types } from 'node:util';
import { jose } from './jose-runtime';
import { UnsupportedKeyError } from './jws-errors';

/**
 * The JWS algorithms DCSA platforms use. Each follows from the key itself (an EC P-256 key
 * signs ES256, an RSA key RS256, an Ed25519 key EdDSA), so a JWS header can never talk a
 * verifier into another algorithm for the same key.
 */
export type SignatureAlgorithm = 'ES256' | 'RS256' | 'EdDSA';

/** This platform's (or a carrier's) private key, ready to sign, with the `kid` it signs under. */
export interface SigningKey {
  readonly alg: SignatureAlgorithm;
  /** RFC 7638 JWK thumbprint of the public key: what other platforms register us under. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public half as a JWK, to publish (JWKS) or hand to a counterpart platform. */
  readonly publicJwk: JsonWebKey;
}

/** A registered public key of a platform or carrier, ready to verify its signatures. */
export interface VerificationKey {
  readonly alg: SignatureAlgorithm;
  readonly kid: string;
  readonly publicKey: KeyObject;
  readonly publicJwk: JsonWebKey;
}

/** All keys a signer is trusted with (more than one while it rotates keys). */
export type VerificationKeys = VerificationKey | readonly VerificationKey[];

/** What jose's `generateKeyPair` hands out (a `KeyObject` or a `CryptoKey`, by jose version). */
type GeneratedKey = Awaited<ReturnType<typeof jose.generateKeyPair>>['privateKey'];

/**
 * A private key as configuration or code holds it: PEM (PKCS#8, SEC1 or PKCS#1), a Node
 * `KeyObject`, or a WebCrypto `CryptoKey` (what jose's `generateKeyPair` gives).
 */
export type PrivateKeySource = string | KeyObject | webcrypto.CryptoKey | GeneratedKey;

/** A public key: PEM (SPKI, PKCS#1 or an X.509 certificate), `KeyObject`, `CryptoKey` or JWK. */
export type PublicKeySource = string | KeyObject | webcrypto.CryptoKey | GeneratedKey | JsonWebKey;

/**
 * Prepares a private key for signing. Why not use the key as given: the algorithm must come
 * from the key (never from a caller's or a header's say-so), the `kid` must be the same
 * thumbprint other platforms compute, and an unusable key should fail at start-up, not at
 * the first transfer.
 */
export async function importSigningKey(source: PrivateKeySource): Promise<SigningKey> {
  const privateKey = toKeyObject(source, 'private');
  const publicKey = createPublicKey(privateKey);
  const alg = algorithmOf(publicKey);
  const publicJwk = publicKey.export({ format: 'jwk' });
  return { alg, kid: await thumbprint(publicJwk), privateKey, publicKey, publicJwk };
}

/**
 * Prepares a registered public key for verification. A JWK that states its own `alg` must
 * state the one its key type implies, so a registry entry cannot widen what the key accepts.
 */
export async function importVerificationKey(source: PublicKeySource): Promise<VerificationKey> {
  const publicKey = toKeyObject(source, 'public');
  const alg = algorithmOf(publicKey);
  const statedAlg: unknown = isJwk(source) ? source.alg : undefined;
  if (statedAlg !== undefined && statedAlg !== alg) {
    throw new UnsupportedKeyError(
      `JWK says alg ${JSON.stringify(statedAlg)} but its key is for ${alg}`,
    );
  }
  const publicJwk = publicKey.export({ format: 'jwk' });
  return { alg, kid: await thumbprint(publicJwk), publicKey, publicJwk };
}

/**
 * The JWS algorithms a registered key verifies: the one it signs with, and for an RSA key
 * also the other RSA signature schemes of RFC 7518 (PKCS #1 v1.5 and PSS, SHA-256 to 512).
 * DCSA fixes no algorithm and its conformance carrier signs PS256, so an RSA signer may
 * choose; nothing outside the key's own family (HMAC, `none`, another key type) is accepted.
 */
export function acceptedAlgorithms(key: VerificationKey): readonly string[] {
  return key.alg === 'RS256' ? RSA_SIGNATURE_ALGORITHMS : [key.alg];
}

const RSA_SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

/** The verification half of a signing key: how a simulator or a test trusts its own signer. */
export function verificationKeyOf(key: SigningKey): VerificationKey {
  return { alg: key.alg, kid: key.kid, publicKey: key.publicKey, publicJwk: key.publicJwk };
}

/** Every trusted key as a list, whether one or several were registered. */
export function keyList(keys: VerificationKeys): readonly VerificationKey[] {
  return isVerificationKeyList(keys) ? keys : [keys];
}

function isVerificationKeyList(keys: VerificationKeys): keys is readonly VerificationKey[] {
  return Array.isArray(keys);
}

function toKeyObject(source: PrivateKeySource | PublicKeySource, type: 'private' | 'public') {
  const key = parseKey(source, type);
  if (key.type !== type) {
    throw new UnsupportedKeyError(`expected a ${type} key, got a ${key.type} key`);
  }
  return key;
}

function parseKey(source: PrivateKeySource | PublicKeySource, type: 'private' | 'public') {
  try {
    if (types.isKeyObject(source)) return source;
    if (types.isCryptoKey(source)) return KeyObject.from(source);
    if (typeof source === 'string') {
      if (type === 'public' && source.includes('PRIVATE KEY')) {
        throw new UnsupportedKeyError('expected a public key, got a private key PEM');
      }
      return type === 'private' ? createPrivateKey(source) : createPublicKey(source);
    }
    if (isJwk(source)) {
      if (type === 'public' && source.d !== undefined) {
        throw new UnsupportedKeyError('expected a public JWK, got one with private members');
      }
      return type === 'private'
        ? createPrivateKey({ key: source, format: 'jwk' })
        : createPublicKey({ key: source, format: 'jwk' });
    }
  } catch (error: unknown) {
    if (error instanceof UnsupportedKeyError) throw error;
    throw new UnsupportedKeyError(`not a usable ${type} key: ${messageOf(error)}`);
  }
  throw new UnsupportedKeyError(`not a usable ${type} key`);
}

function algorithmOf(publicKey: KeyObject): SignatureAlgorithm {
  const details = publicKey.asymmetricKeyDetails ?? {};
  const type = publicKey.asymmetricKeyType;
  if (type === 'ec') {
    if (details.namedCurve === 'prime256v1') return 'ES256';
    throw new UnsupportedKeyError(`EC curve ${String(details.namedCurve)} is not P-256`);
  }
  if (type === 'rsa') {
    if ((details.modulusLength ?? 0) >= 2048) return 'RS256';
    throw new UnsupportedKeyError('RSA keys shorter than 2048 bits are not accepted');
  }
  if (type === 'ed25519') return 'EdDSA';
  throw new UnsupportedKeyError(`key type ${String(type)} is not one of EC P-256, RSA, Ed25519`);
}

/** RFC 7638: only the required members of the key type count (kty, crv, x, y, n, e). */
async function thumbprint(publicJwk: JsonWebKey): Promise<string> {
  const member = (name: string) => {
    const value = publicJwk[name];
    return typeof value === 'string' ? value : undefined;
  };
  const kty = member('kty');
  if (kty === undefined) throw new UnsupportedKeyError('public key has no JWK kty');
  const required = { kty, crv: member('crv'), x: member('x'), y: member('y') };
  return jose.calculateJwkThumbprint({ ...required, n: member('n'), e: member('e') }, 'sha256');
}

function isJwk(source: PrivateKeySource | PublicKeySource): source is JsonWebKey {
  return (
    typeof source === 'object' &&
    !types.isKeyObject(source) &&
    !types.isCryptoKey(source) &&
    typeof (source as JsonWebKey).kty === 'string'
  );
}

/** Errors from node:crypto come from another realm under Jest, so no `instanceof Error`. */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}
