import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ClaimRole } from '@pujiang/contracts';

/** OpenAPI shape of a reading that fired a parametric trigger (domain TriggerReading). */
const TRIGGER_READING_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['eventId', 'time', 'celsiusTenths', 'proof', 'statement'],
  properties: {
    eventId: { type: 'string', description: 'EPCIS eventID the reading came in' },
    time: { type: 'string', format: 'date-time' },
    celsiusTenths: { type: 'integer', description: 'Temperature in tenths of a degree Celsius' },
    attestedBy: {
      type: 'string',
      description: 'Device (GIAI EPC URI) whose signature capture verified',
    },
    owner: { type: 'string', description: 'MSP id of the organisation that registered it' },
    kid: { type: 'string', description: 'Key id the signature verified with' },
    verdict: { type: 'string', example: 'ATTESTED', description: 'Capture’s verdict' },
    proof: {
      type: 'string',
      format: 'uri',
      description: 'Traceability’s link to the event’s anchoring proof',
    },
    statement: {
      type: 'string',
      example: 'reading attested by device urn:epc:id:giai:4012345.RC-0001 of owner Org1MSP',
    },
  },
};

/** The ledger's record of a claim (ClaimRecord in libs/contracts), outlined. */
const CLAIM_RECORD_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'The ledger’s record of the claim',
  required: ['claimId', 'policyId', 'insurerMsp', 'claimant', 'peril', 'claimedAmount', 'currency'],
  properties: {
    claimId: { type: 'string', format: 'uuid' },
    policyId: { type: 'string' },
    insurerMsp: { type: 'string' },
    claimant: { type: 'string', description: 'A party as the ledger names it (MSP::CN)' },
    peril: { type: 'string' },
    containers: { type: 'array', items: { type: 'string' } },
    eblReference: { type: 'string' },
    claimedAmount: { type: 'string', description: 'Minor units of the currency' },
    currency: { type: 'string' },
    status: { type: 'string' },
  },
};

/** OpenAPI shape of a claim after a step: notice, action, document, evidence. */
export const CLAIM_ANSWER_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['claim'],
  properties: { claim: CLAIM_RECORD_SCHEMA },
};

/** OpenAPI shape of POST /claims/{claimId}/disclosures: the ledger's record, never a value. */
export const CLAIM_DISCLOSURE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['disclosure'],
  properties: {
    disclosure: {
      type: 'object',
      required: ['regulatorMsp', 'fields', 'disclosedBy', 'txId', 'at'],
      properties: {
        regulatorMsp: { type: 'string', example: 'RegulatorMSP' },
        fields: { type: 'array', items: { type: 'string' } },
        disclosedBy: { type: 'string', description: 'A party as the ledger names it (MSP::CN)' },
        txId: { type: 'string', description: 'The ledger transaction that disclosed them' },
        at: { type: 'string', format: 'date-time', description: 'Its time on the ledger' },
      },
    },
  },
};

/** OpenAPI shape of GET /claims. */
export const CLAIM_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['claims'],
  properties: { claims: { type: 'array', items: CLAIM_RECORD_SCHEMA } },
};

/** OpenAPI shape of GET /claims/{claimId}. */
export const CLAIM_VIEW_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['claim', 'capacities', 'timeBars'],
  properties: {
    claim: CLAIM_RECORD_SCHEMA,
    capacities: { type: 'array', items: { type: 'string', enum: Object.values(ClaimRole) } },
    timeBars: { type: 'array', items: { type: 'object' } },
    triggerReadings: {
      type: 'array',
      description: 'Parametric claims only: the readings that fired the trigger',
      items: TRIGGER_READING_SCHEMA,
    },
  },
};
