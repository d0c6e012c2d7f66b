import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { JWTPayload, errors, jwtVerify } from 'jose';
import { AuthConfig } from './auth.config';
import { Principal, principalFromClaims } from './principal';

/** Asymmetric algorithms only: a shared secret would let every service mint tokens. */
const ALGORITHMS = ['ES256', 'RS256', 'EdDSA'];

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** How many verified tokens are remembered; a client keeps one token for many requests. */
const REMEMBERED_TOKENS = 10_000;

/**
 * Checks a bearer token's signature, issuer, audience and lifetime, and reads
 * the principal. A token that passed is remembered until it expires: a token
 * cannot change, and checking its signature again on every request of a busy
 * client costs more than the request itself (issue 14's capture benchmark).
 */
@Injectable()
export class TokenVerifier {
  private readonly key: ReturnType<typeof createPublicKey>;
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(private readonly config: AuthConfig) {
    // Read at construction so a missing or malformed key stops the service at start-up.
    this.key = createPublicKey(readFileSync(config.AUTH_JWT_PUBLIC_KEY_FILE));
  }

  async verify(token: string, now = Date.now()): Promise<Principal> {
    const known = this.verified.get(token);
    if (known !== undefined && known.expiresAtMs > now) return known.principal;
    this.verified.delete(token);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: this.config.AUTH_JWT_ISSUER,
        audience: this.config.AUTH_JWT_AUDIENCE,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      const reason = error instanceof errors.JOSEError ? error.code : 'ERR_JWT_INVALID';
      throw new InvalidTokenError(`bearer token refused (${reason})`);
    }
    const principal = principalFromClaims(payload);
    if (principal === undefined) {
      throw new InvalidTokenError('bearer token lacks sub, org or roles');
    }
    this.remember(token, principal, (payload.exp ?? 0) * 1000);
    return principal;
  }

  private remember(token: string, principal: Principal, expiresAtMs: number): void {
    if (this.verified.size >= REMEMBERED_TOKENS) {
      // Maps iterate in insertion order: the oldest entry goes first.
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { principal, expiresAtMs });
  }
}
