export { dcsaText } from './dcsa-text';
export {
  type IssuanceManifestProblem,
  type IssuanceManifestProblemCode,
  type IssuanceRequestVerification,
  issuanceManifestFor,
  readIssuanceManifest,
  signIssuanceManifest,
  verifyIssuanceRequest,
} from './issuance-manifest';
export {
  badRequestResponse,
  issuedResponse,
  manifestRefusalResponse,
  refusedResponse,
} from './issuance-response';
export type * from './issuance-types';
export { type IssuanceContext, type IssuanceVerdict, judgeIssuance } from './issuance-verdict';
