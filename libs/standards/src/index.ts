export { canonicalJson, canonicalSha256 } from './canonical-json';
