import { IsNotEmpty, IsString } from 'class-validator';

/**
 * Who may sign the bearer tokens this service accepts. The identity provider
 * (an OIDC server in production, `npx pujiang token` locally) holds the
 * private key; services only ever see the public one.
 */
export class AuthConfig {
  @IsString()
  @IsNotEmpty()
  AUTH_JWT_ISSUER!: string;

  @IsString()
  @IsNotEmpty()
  AUTH_JWT_AUDIENCE!: string;

  /** SPKI PEM file of the identity provider's signing key (ES256, RS256 or EdDSA). */
  @IsString()
  @IsNotEmpty()
  AUTH_JWT_PUBLIC_KEY_FILE!: string;
}
