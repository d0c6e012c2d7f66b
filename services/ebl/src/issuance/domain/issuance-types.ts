import type { Sha256Hex } from '@pujiang/dcsa';

/**
 * DCSA EBL_ISS 3.0 messages, with exactly the fields this platform reads or writes. The
 * transport document is kept whole (its checksum covers every field) but only the fields
 * the platform acts on are named.
 */

/** DCSA `IdentifyingCode`: a code that names a party in some code list (LEI, DID, a platform's own). */
export interface IdentifyingCode {
  readonly codeListProvider: string;
  readonly partyCode: string;
  readonly codeListName?: string;
}

/** DCSA `TaxLegalReference`. */
export interface TaxLegalReference {
  readonly type: string;
  readonly countryCode: string;
  readonly value: string;
}

/** DCSA `TransportDocument`, as issued by the carrier: unchanged for the life of the eBL. */
export interface TransportDocument {
  readonly transportDocumentReference: string;
  readonly transportDocumentSubReference?: string;
  readonly isToOrder: boolean;
  readonly carrierCode: string;
  readonly [field: string]: unknown;
}

/** DCSA `IssueToParty`: who receives possession of the eBL on issuance, and on which platform. */
export interface IssueToParty {
  readonly partyName: string;
  readonly sendToPlatform: string;
  readonly identifyingCodes: readonly IdentifyingCode[];
  readonly taxLegalReferences?: readonly TaxLegalReference[];
}

/** DCSA `SupportingDocument` as ISS carries the carrier's visualisation: Base64 content inline. */
export interface SupportingDocument {
  readonly name: string;
  readonly content: string;
  readonly contentType?: string;
}

/** DCSA `IssuanceRequest` (`PUT /v3/ebl-issuance-requests`). */
export interface IssuanceRequest {
  readonly document: TransportDocument;
  readonly issueTo: IssueToParty;
  readonly eBLVisualisationByCarrier?: SupportingDocument;
  readonly issuanceManifestSignedContent: string;
}

/** An issuance request before the carrier has signed its manifest. */
export type UnsignedIssuanceRequest = Omit<IssuanceRequest, 'issuanceManifestSignedContent'>;

/** DCSA `IssuanceManifest`: the carrier-signed checksums that bind the request's parts. */
export interface IssuanceManifest {
  readonly documentChecksum: Sha256Hex;
  readonly eBLVisualisationByCarrierChecksum?: Sha256Hex;
  readonly issueToChecksum: Sha256Hex;
}

/** DCSA `issuanceResponseCode`. */
export type IssuanceResponseCode = 'ISSU' | 'BREQ' | 'REFU';

/** DCSA `IssuanceError`. */
export interface IssuanceError {
  readonly reason?: string;
  readonly errorCode?: string;
}

/** DCSA `IssuanceResponse` (`POST /v3/ebl-issuance-responses`, to the carrier). */
export interface IssuanceResponse {
  readonly transportDocumentReference: string;
  readonly transportDocumentSubReference?: string;
  readonly issuanceResponseCode: IssuanceResponseCode;
  readonly reason?: string;
  readonly errors?: readonly IssuanceError[];
}
