import type { Sha256Hex } from '@pujiang/dcsa';
import type {
  IdentifyingCode,
  TaxLegalReference,
  TransportDocument,
} from '../../issuance/domain/issuance-types';

/**
 * DCSA EBL_PINT 3.0 messages, with exactly the fields this platform reads or writes.
 * The transport document and the party codes are the ones issuance uses.
 */
export type { IdentifyingCode, TaxLegalReference, TransportDocument };

/** A DCSA eBL platform code (`WAVE`, `BOLE`, …): at most 4 characters, no spaces. */
export type EblPlatformCode = string;

/** A compact JWS, as PINT carries every signed message (`…SignedContent`). */
export type SignedContent = string;

/** DCSA `DocumentChecksum`. */
export type DocumentChecksum = Sha256Hex;

/** DCSA `Transaction.actionCode`. */
export const ACTION_CODES = [
  'ISSUE',
  'TRANSFER',
  'ENDORSE',
  'ENDORSE_TO_ORDER',
  'BLANK_ENDORSE',
  'SURRENDER_FOR_DELIVERY',
  'SURRENDER_FOR_AMENDMENT',
  'SACC',
  'SREJ',
  'SIGN',
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

/** DCSA `RepresentedActorParty` / `RepresentedRecipientParty`: on whose behalf a party acts. */
export interface RepresentedParty {
  readonly partyName: string;
  readonly identifyingCodes?: readonly IdentifyingCode[];
}

/** DCSA `ActorParty`: who performed a transaction, on which platform. */
export interface ActorParty {
  readonly partyName: string;
  readonly eblPlatform: EblPlatformCode;
  readonly identifyingCodes: readonly IdentifyingCode[];
  readonly taxLegalReferences?: readonly TaxLegalReference[];
  readonly representedParty?: RepresentedParty;
}

/** DCSA `RecipientParty`: to whom a transaction was directed, on which platform. */
export type RecipientParty = ActorParty;

/** DCSA `Transaction`: one step in the life of the eBL, recorded by the actor's platform. */
export interface Transaction {
  readonly actionCode: ActionCode;
  readonly actor: ActorParty;
  readonly recipient?: RecipientParty;
  /** RFC 3339 UTC with milliseconds; given by the caller, never read from a clock here. */
  readonly actionDateTime: string;
  readonly reasonCode?: string;
  readonly comments?: string;
  readonly auditReference?: string;
}

/** DCSA `EnvelopeTransferChainEntry`: one platform's signed record of the transactions it did. */
export interface EnvelopeTransferChainEntry {
  readonly eblPlatform: EblPlatformCode;
  readonly transportDocumentChecksum: Sha256Hex;
  /** Absent in the first entry; in every later one the checksum of the entry before it. */
  readonly previousEnvelopeTransferChainEntrySignedContentChecksum?: Sha256Hex;
  /** Present in the first entry only: the carrier-signed IssuanceManifest. */
  readonly issuanceManifestSignedContent?: SignedContent;
  /** Present, if at all, in the first entry only. */
  readonly controlTrackingRegistry?: string;
  readonly transactions: readonly Transaction[];
}

/** DCSA `DocumentMetadata`: an additional document announced in the manifest. */
export interface DocumentMetadata {
  readonly name: string;
  /** Size of the decoded document in bytes. */
  readonly size: number;
  readonly mediaType: string;
  readonly documentChecksum: DocumentChecksum;
}

/** DCSA `EnvelopeManifest`: what the sending platform signs for one envelope transfer. */
export interface EnvelopeManifest {
  readonly transportDocumentChecksum: Sha256Hex;
  readonly lastEnvelopeTransferChainEntrySignedContentChecksum: Sha256Hex;
  readonly eBLVisualisationByCarrier?: DocumentMetadata;
  readonly supportingDocuments?: readonly DocumentMetadata[];
}

/** DCSA `EblEnvelope` (`POST /v3/envelopes`). */
export interface EblEnvelope {
  readonly transportDocument: TransportDocument;
  readonly envelopeManifestSignedContent: SignedContent;
  readonly envelopeTransferChain: readonly SignedContent[];
}

/** DCSA `EnvelopeTransferFinishedResponse.responseCode`. */
export type EnvelopeResponseCode = 'RECE' | 'DUPE' | 'BSIG' | 'BENV' | 'INCD' | 'MDOC' | 'DISE';

/** DCSA `EnvelopeTransferFinishedResponse`: the receiving platform's signed verdict. */
export interface EnvelopeTransferFinishedResponse {
  readonly lastEnvelopeTransferChainEntrySignedContentChecksum: Sha256Hex;
  readonly responseCode: EnvelopeResponseCode;
  /** DUPE only: the last chain entry of the transfer accepted before. */
  readonly duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent?: SignedContent;
  /** Omitted with RECE. */
  readonly reason?: string;
  /** MDOC only. */
  readonly missingAdditionalDocumentChecksums?: readonly DocumentChecksum[];
  /** RECE and DUPE only: every additional document of the transfer, as a signed receipt. */
  readonly receivedAdditionalDocumentChecksums?: readonly DocumentChecksum[];
}

/** DCSA `EnvelopeTransferStartedResponse` (unsigned, 201): which documents to send next. */
export interface EnvelopeTransferStartedResponse {
  readonly envelopeReference: string;
  readonly transportDocumentChecksum: Sha256Hex;
  readonly lastEnvelopeTransferChainEntrySignedContentChecksum: Sha256Hex;
  readonly missingAdditionalDocumentChecksums: readonly DocumentChecksum[];
}
