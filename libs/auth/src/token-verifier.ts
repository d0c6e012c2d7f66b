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

/** Checks a bearer token's signature, issuer, audience and lifetime, and reads the principal. */
@Injectable()
export class TokenVerifier {
  private readonly key: ReturnType<typeof createPublicKey>;

  constructor(private readonly config: AuthConfig) {
    // Read at construction so a missing or malformed key stops the service at start-up.
    this.key = createPublicKey(readFileSync(config.AUTH_JWT_PUBLIC_KEY_FILE));
  }

  async verify(token: string): Promise<Principal> {
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
    return principal;
  }
}
