export { jwkThumbprint, parsePublicJwk } from './public-jwk';
export { attachmentAt, keyValidAt, statusAt } from './registry-at';
