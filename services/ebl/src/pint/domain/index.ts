export {
  type AdditionalDocumentCheck,
  type FinishTransferOutcome,
  announcedDocuments,
  findAnnouncedDocument,
  finishTransfer,
  manifestDocuments,
  verifyAdditionalDocument,
} from './additional-documents';
export {
  type EnvelopeTransferInstruction,
  type OutgoingEnvelope,
  EnvelopeBuildError,
  buildEnvelope,
  chainEntryFor,
} from './envelope';
export {
  type FinishedResponseVerification,
  type StartTransferAnswer,
  type TransferOutcome,
  PINT_HTTP_STATUS,
  disputedEnvelopeResponse,
  duplicateResponse,
  envelopeRefusalResponse,
  finishTransferResponse,
  inconclusiveDocumentResponse,
  receivedResponse,
  judgeEnvelopeResponse,
  signEnvelopeResponse,
  startTransferAnswer,
  verifyEnvelopeResponse,
} from './envelope-response';
export {
  type AcceptedEnvelope,
  type EnvelopeVerification,
  type EnvelopeVerificationContext,
  type RefusedEnvelope,
  postedByAnother,
  verifyEnvelope,
} from './envelope-verification';
export {
  type Shape,
  isPlatformCode,
  readChainEntry,
  readEblEnvelope,
  readEnvelopeManifest,
  readFinishedResponse,
} from './pint-shapes';
export * from './pint-types';
export {
  CLOCK_SKEW_MS,
  chainTransactionProblem,
  lastTransaction,
  transferTimeProblem,
} from './transaction-rules';
