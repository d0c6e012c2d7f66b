/** The DCSA OpenAPI specifications in `libs/dcsa/specs/`, by file name without `.yaml`. */
export const DCSA_SPECS = [
  'EBL_v3.0.0',
  'EBL_ISS_v3.0.0',
  'EBL_SUR_v3.0.0',
  'EBL_PINT_v3.0.0',
] as const;
export type DcsaSpec = (typeof DCSA_SPECS)[number];

export interface DcsaKindDefinition {
  /** Which specification defines the message. */
  readonly spec: DcsaSpec;
  /** Its schema in that specification's `components.schemas`. */
  readonly schema: string;
  /**
   * Required properties of that schema which together no other kind requires: a message
   * holding all of them is taken to be of this kind. Kept small, so that a message missing
   * some other required property is still recognised and told what it lacks.
   */
  readonly signature: readonly string[];
}

/**
 * Every message Pujiang validates. The table is the one place a kind is named; detection,
 * validation and the CLI's `--kind` all read it.
 */
export const DCSA_KINDS = {
  /**
   * What a shipper submits (`POST /v3/shipping-instructions`), and what DCSA's three
   * complete samples are: they carry no `shippingInstructionsStatus`, which the carrier's
   * `ShippingInstructions` (the `GET` answer) requires.
   */
  shippingInstructions: {
    spec: 'EBL_v3.0.0',
    schema: 'CreateShippingInstructions',
    signature: ['isCargoDeliveredInICS2Zone', 'consignmentItems', 'utilizedTransportEquipments'],
  },
  /**
   * The carrier publishes the transport document through the eBL API, so that is its
   * authoritative definition. Issuance and PINT carry copies of it that are the same
   * schema without the carrier's `feedbacks` (a test keeps checking this); inside an
   * issuance request or a PINT envelope the document is still checked against that
   * specification's own copy.
   */
  transportDocument: {
    spec: 'EBL_v3.0.0',
    schema: 'TransportDocument',
    signature: ['transportDocumentReference', 'transportDocumentStatus', 'termsAndConditions'],
  },
  issuanceRequest: {
    spec: 'EBL_ISS_v3.0.0',
    schema: 'IssuanceRequest',
    signature: ['document', 'issueTo'],
  },
  issuanceResponse: {
    spec: 'EBL_ISS_v3.0.0',
    schema: 'IssuanceResponse',
    signature: ['transportDocumentReference', 'issuanceResponseCode'],
  },
  surrenderRequest: {
    spec: 'EBL_SUR_v3.0.0',
    schema: 'SurrenderRequestDetails',
    signature: ['surrenderRequestReference', 'transportDocumentReference', 'surrenderRequestCode'],
  },
  surrenderResponse: {
    spec: 'EBL_SUR_v3.0.0',
    schema: 'SurrenderRequestAnswer',
    signature: ['surrenderRequestReference', 'action'],
  },
  pintEnvelope: {
    spec: 'EBL_PINT_v3.0.0',
    schema: 'EblEnvelope',
    signature: ['transportDocument', 'envelopeManifestSignedContent', 'envelopeTransferChain'],
  },
  /** The payload of the receiving platform's signed answer to a finished PINT transfer. */
  envelopeTransferFinishedResponse: {
    spec: 'EBL_PINT_v3.0.0',
    schema: 'EnvelopeTransferFinishedResponse',
    signature: ['lastEnvelopeTransferChainEntrySignedContentChecksum', 'responseCode'],
  },
  /**
   * The eBL API's error body. Issuance and Surrender define the same; PINT's differs only
   * in spelling `OPTIONS` where the others say `OPTION`.
   */
  errorResponse: {
    spec: 'EBL_v3.0.0',
    schema: 'ErrorResponse',
    signature: ['httpMethod', 'requestUri', 'statusCode', 'errors'],
  },
} as const satisfies Record<string, DcsaKindDefinition>;

export type DcsaKind = keyof typeof DCSA_KINDS;

export const DCSA_KIND_NAMES = Object.keys(DCSA_KINDS) as DcsaKind[];

export function isDcsaKind(name: string): name is DcsaKind {
  return Object.prototype.hasOwnProperty.call(DCSA_KINDS, name);
}
