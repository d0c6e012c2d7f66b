import { applyDecorators } from '@nestjs/common';
import { ApiParamOptions, ApiResponse } from '@nestjs/swagger';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** DCSA's transportDocumentReference: 1 to 20 characters, no white space. */
export const REFERENCE_PARAM: ApiParamOptions = {
  name: 'reference',
  description: 'transportDocumentReference',
  schema: { type: 'string', pattern: '^\\S{1,20}$' },
};

/**
 * Outlines of DCSA 3.0 messages for the OpenAPI document. What is accepted is
 * decided by DCSA's own schemas (libs/dcsa), which are far larger; these name
 * what a message needs so that generated requests reach that validation.
 */
export const DCSA_ISSUANCE_REQUEST: SchemaObject = {
  type: 'object',
  required: ['document', 'issueTo', 'issuanceManifestSignedContent'],
  properties: {
    document: { type: 'object' },
    issueTo: { type: 'object' },
    eBLVisualisationByCarrier: { type: 'object' },
    issuanceManifestSignedContent: { type: 'string' },
  },
};

export const DCSA_PINT_ENVELOPE: SchemaObject = {
  type: 'object',
  required: ['transportDocument', 'envelopeManifestSignedContent', 'envelopeTransferChain'],
  properties: {
    transportDocument: { type: 'object' },
    envelopeManifestSignedContent: { type: 'string' },
    envelopeTransferChain: { type: 'array', items: { type: 'string' } },
  },
};

/** DCSA's signed response: a JWS (compact serialisation) the sender verifies. */
export const DCSA_SIGNED_RESPONSE: SchemaObject = {
  type: 'string',
  description: 'JWS compact serialisation of the signed PINT response',
};

/** PINT 3.0 EnvelopeTransferStartedResponse: which additional documents are still missing. */
export const DCSA_TRANSFER_STARTED: SchemaObject = {
  type: 'object',
  required: [
    'envelopeReference',
    'transportDocumentChecksum',
    'lastEnvelopeTransferChainEntrySignedContentChecksum',
    'missingAdditionalDocumentChecksums',
  ],
  properties: {
    envelopeReference: { type: 'string', format: 'uuid' },
    transportDocumentChecksum: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    lastEnvelopeTransferChainEntrySignedContentChecksum: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
    },
    missingAdditionalDocumentChecksums: {
      type: 'array',
      items: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    },
  },
};

/**
 * PINT's verdicts that refuse a transfer (BSIG, BENV, INCD, MDOC, DISE) are
 * DCSA's signed responses, not problems: a JWS string the sender verifies.
 */
export function ApiSignedRefusals(): MethodDecorator {
  const signed = { 'application/json': { schema: DCSA_SIGNED_RESPONSE } };
  return applyDecorators(
    ApiResponse({ status: 409, description: 'Signed refusal (INCD)', content: signed }),
    ApiResponse({
      status: 422,
      description: 'Signed refusal (BSIG, BENV, MDOC, DISE)',
      content: signed,
    }),
  );
}
