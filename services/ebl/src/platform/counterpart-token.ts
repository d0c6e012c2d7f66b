import { Injectable } from '@nestjs/common';
import { jwsAlgorithmFor } from '@pujiang/auth';
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
      .setProtectedHeader({ alg: jwsAlgorithmFor(this.platform.signingKey) })
      .setIssuer(this.platform.code)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(this.platform.signingKey);
  }
}
