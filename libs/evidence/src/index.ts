export * from './evidence-bundle';
export {
  EVIDENCE_BUNDLE_SCHEMA,
  checkBundleFormat,
  evidenceBundleOpenApiSchema,
} from './bundle-schema';
export { verifyEvidenceBundle } from './verify-bundle';
export { producerSignedContent, signBundle } from './producer-signature';
export {
  CustodyReport,
  CustodyStep,
  EVIDENCE_VERIFIER,
  custodyReportLines,
} from './custody-report';
export { renderCustodyPdf } from './custody-pdf';
export {
  decodeBlock,
  decodeTransaction,
  decodeProcessedTransaction,
} from './fabric/fabric-records';
