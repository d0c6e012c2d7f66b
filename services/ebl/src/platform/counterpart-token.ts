import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { EblPlatform } from './ebl-platform';

/**
 * Short-lived bearer tokens for our calls to carriers and other platforms,
 * signed with the platform key they already hold for PINT, so no second
 * credential has to be exchanged.
 */
@Injectable()
export class CounterpartToken {
  constructor(private readonly platform: EblPlatform) {}

  sign(audience: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: algorithmOf(this.platform.signingKey.asymmetricKeyType) })
      .setIssuer(this.platform.code)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(this.platform.signingKey);
  }
}

export function algorithmOf(keyType: string | undefined): string {
  if (keyType === 'ed25519') return 'EdDSA';
  if (keyType === 'rsa') return 'RS256';
  return 'ES256';
}
