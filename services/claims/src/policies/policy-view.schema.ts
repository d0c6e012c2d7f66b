import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** A policy's public record on the ledger (CoverPolicyRecord in libs/contracts), outlined. */
const POLICY_RECORD_PROPERTIES: SchemaObject['properties'] = {
  policyId: { type: 'string' },
  insurerMsp: { type: 'string' },
  createdBy: { type: 'string', description: 'A party as the ledger names it (MSP::CN)' },
  txId: { type: 'string' },
  createdAt: { type: 'string', format: 'date-time' },
};

/** OpenAPI shape of POST /policies: the record with its insured and shipment. */
export const POLICY_CREATED_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['policy'],
  properties: {
    policy: {
      type: 'object',
      required: ['policyId', 'insurerMsp', 'insured', 'shipment'],
      properties: {
        ...POLICY_RECORD_PROPERTIES,
        insured: { type: 'string', description: 'A party as the ledger names it (MSP::CN)' },
        shipment: { type: 'object' },
      },
    },
  },
};

/** OpenAPI shape of GET /policies/{policyId}: the record and its private amounts. */
export const POLICY_VIEW_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['policy', 'amounts'],
  properties: {
    policy: {
      type: 'object',
      required: ['policyId', 'insurerMsp'],
      properties: POLICY_RECORD_PROPERTIES,
    },
    amounts: {
      type: 'object',
      description: 'Minor units of the policy currency; never on the ledger in clear',
      required: ['sumInsured', 'premium', 'deductible'],
      properties: {
        sumInsured: { type: 'string' },
        premium: { type: 'string' },
        deductible: { type: 'string' },
      },
    },
  },
};
