import { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { Principal } from './principal';

export interface TokenRequest extends Principal {
  issuer: string;
  audience: string;
  /** Lifetime in seconds. */
  ttl: number;
}

/**
 * Mints a bearer token the way the identity provider does. Used by the local
 * `npx pujiang token` command and by tests; production tokens come from the
 * consortium's OIDC server.
 */
export function issueToken(privateKey: KeyObject, request: TokenRequest): Promise<string> {
  return new SignJWT({ org: request.organisation, roles: [...request.roles] })
    .setProtectedHeader({ alg: jwsAlgorithmFor(privateKey) })
    .setSubject(request.party)
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setIssuedAt()
    .setExpirationTime(`${request.ttl}s`)
    .sign(privateKey);
}

/** The JWS algorithm a key signs with: it follows from the key, never from a caller's choice. */
export function jwsAlgorithmFor(key: KeyObject): 'EdDSA' | 'RS256' | 'ES256' {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  return 'ES256';
}
