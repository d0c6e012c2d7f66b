export { decodeBase64Content, encodeBase64Content } from './base64-content';
export {
  type JwsHeader,
  type VerifiedJws,
  readUnverifiedJws,
  signCompactJws,
  verifyCompactJws,
} from './compact-jws';
export { JwsError, JwsSignatureError, MalformedJwsError, UnsupportedKeyError } from './jws-errors';
export {
  type PrivateKeySource,
  type PublicKeySource,
  type SignatureAlgorithm,
  type SigningKey,
  type VerificationKey,
  type VerificationKeys,
  importSigningKey,
  importVerificationKey,
  keyList,
  verificationKeyOf,
} from './signing-keys';
