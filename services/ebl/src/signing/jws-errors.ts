/**
 * Why a JWS was not accepted. The two causes lead to different answers: a JWS that cannot
 * even be read is a bad message (PINT `BENV`, HTTP 400), while one that reads but whose
 * signature does not hold, or that names an algorithm the signer's key does not have, is a
 * bad signature (PINT `BSIG`, ISS `BREQ`). Callers switch on `kind`, never on messages.
 */
export abstract class JwsError extends Error {
  abstract readonly kind: 'malformed' | 'signature';
}

/** Not a JWS compact serialisation with a JSON header and a JSON payload. */
export class MalformedJwsError extends JwsError {
  readonly kind = 'malformed';
  constructor(message: string) {
    super(message);
    this.name = 'MalformedJwsError';
  }
}

/**
 * A well-formed JWS that no trusted key verifies: wrong key, altered content, `alg: none`,
 * an algorithm other than the key's own, or a signer with no registered key.
 */
export class JwsSignatureError extends JwsError {
  readonly kind = 'signature';
  constructor(message: string) {
    super(message);
    this.name = 'JwsSignatureError';
  }
}

/** A key this code will not sign or verify with (wrong type, curve or size, or not a key). */
export class UnsupportedKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedKeyError';
  }
}
