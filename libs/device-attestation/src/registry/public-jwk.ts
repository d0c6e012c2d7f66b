import { createHash } from 'node:crypto';
import { DeviceAlgorithm, type DevicePublicJwk } from '../../../contracts/src/ledger';

const COORDINATE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The public key a device registers, checked member by member: a P-256 key
 * for ES256 or an Ed25519 key for EdDSA, 32-byte coordinates in base64url.
 * A JWK with a private member (`d`) is refused: the private key is made on
 * the device and never leaves it, so one that reached us is compromised.
 * Returns the key with only its public members, or the reason it is refused.
 */
export function parsePublicJwk(
  alg: unknown,
  jwk: unknown,
): { ok: true; jwk: DevicePublicJwk } | { ok: false; reason: string } {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    return { ok: false, reason: 'jwk must be a JSON object' };
  }
  const key = jwk as Record<string, unknown>;
  if ('d' in key) return { ok: false, reason: 'jwk holds a private key (d): never send it' };
  const x = key['x'];
  if (typeof x !== 'string' || !COORDINATE.test(x)) {
    return { ok: false, reason: 'jwk.x must be 32 bytes in base64url' };
  }
  if (alg === DeviceAlgorithm.es256) {
    const y = key['y'];
    if (key['kty'] !== 'EC' || key['crv'] !== 'P-256') {
      return { ok: false, reason: 'ES256 needs an EC P-256 key' };
    }
    if (typeof y !== 'string' || !COORDINATE.test(y)) {
      return { ok: false, reason: 'jwk.y must be 32 bytes in base64url' };
    }
    return { ok: true, jwk: { kty: 'EC', crv: 'P-256', x, y } };
  }
  if (alg === DeviceAlgorithm.edDsa) {
    if (key['kty'] !== 'OKP' || key['crv'] !== 'Ed25519') {
      return { ok: false, reason: 'EdDSA needs an OKP Ed25519 key' };
    }
    return { ok: true, jwk: { kty: 'OKP', crv: 'Ed25519', x } };
  }
  return { ok: false, reason: `alg must be ${Object.values(DeviceAlgorithm).join(' or ')}` };
}

/**
 * RFC 7638 thumbprint: SHA-256 of the required members in lexicographic
 * order with no whitespace, base64url. It is the key's `kid`, so a signature
 * names the key it was made with and nobody chooses a kid that collides.
 */
export function jwkThumbprint(jwk: DevicePublicJwk): string {
  const members =
    jwk.kty === 'EC'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}
