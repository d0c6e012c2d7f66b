import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { EblStatus } from '@pujiang/contracts';

const PARTY: SchemaObject = {
  type: 'string',
  description: 'A party as the ledger names it: its MSP id and certificate name (MSP::CN)',
};

/**
 * An outline of EblRecord (libs/contracts ledger/ebl.ts): its required
 * members and status, as decision 0010 outlines standard documents; the
 * chaincode is the record's validator.
 */
export const EBL_RECORD_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'transportDocumentReference',
    'platform',
    'documentChecksum',
    'isToOrder',
    'status',
    'issuer',
    'holder',
    'possessor',
    'endorsee',
    'blankEndorsed',
    'endorseeMayEndorse',
    'chain',
    'lastTxId',
    'updatedAt',
  ],
  properties: {
    transportDocumentReference: { type: 'string' },
    platform: { type: 'string', description: 'MSP id of the platform holding it' },
    documentChecksum: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    isToOrder: { type: 'boolean' },
    status: { type: 'string', enum: Object.values(EblStatus) },
    issuer: PARTY,
    carrierCode: { type: 'string' },
    holder: PARTY,
    possessor: PARTY,
    endorsee: { ...PARTY, nullable: true },
    blankEndorsed: { type: 'boolean' },
    endorseeMayEndorse: { type: 'boolean' },
    pending: { type: 'object', additionalProperties: true },
    exportedTo: { type: 'string' },
    exportEnvelopeChecksum: { type: 'string' },
    replaces: { type: 'string' },
    replacedBy: { type: 'string' },
    chain: { type: 'array', items: { type: 'object', additionalProperties: true } },
    lastTxId: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

/** GET /transport-documents/{reference}. */
export const TRANSPORT_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['transportDocument', 'documentChecksum', 'record'],
  properties: {
    transportDocument: {
      type: 'object',
      description: 'The DCSA eBL 3.0 transport document',
      additionalProperties: true,
    },
    documentChecksum: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    record: { ...EBL_RECORD_SCHEMA, nullable: true },
  },
};

/** An action's answer: the ledger record after it (actions, void, a PINT transfer started). */
export const EBL_RECORD_ANSWER_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['record'],
  properties: { record: EBL_RECORD_SCHEMA },
};

/** GET /transport-documents: what the party holds or held. */
export const TRANSPORT_DOCUMENT_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['transportDocuments'],
  properties: {
    transportDocuments: {
      type: 'array',
      items: {
        type: 'object',
        required: ['transportDocumentReference', 'record'],
        properties: {
          transportDocumentReference: { type: 'string' },
          record: { ...EBL_RECORD_SCHEMA, nullable: true },
        },
      },
    },
  },
};

/** GET /carrier/transport-documents/{reference}: the document as issued and its record. */
export const ISSUED_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['transportDocument', 'record'],
  properties: {
    transportDocument: TRANSPORT_DOCUMENT_SCHEMA.properties?.transportDocument ?? {},
    record: { ...EBL_RECORD_SCHEMA, nullable: true },
  },
};

/** GET /endorsement-chains/{reference}: DCSA's endorsement chain, the back of the bill. */
export const ENDORSEMENT_CHAIN_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['transportDocumentReference', 'endorsementChain'],
  properties: {
    transportDocumentReference: { type: 'string' },
    endorsementChain: {
      type: 'array',
      items: {
        type: 'object',
        required: ['actionDateTime', 'actionCode', 'actor', 'recipient', 'auditReference'],
        properties: {
          actionDateTime: { type: 'string', format: 'date-time' },
          actionCode: { type: 'string' },
          actor: { type: 'object', description: 'DCSA party' },
          recipient: { type: 'object', description: 'DCSA party' },
          auditReference: { type: 'string', description: 'The ledger transaction id' },
        },
      },
    },
  },
};
