import { AccessScopeKind, PUBLIC_GRANTEE } from '@pujiang/contracts';

const INSTANT = { type: 'string', format: 'date-time' } as const;
const LEDGER_PARTY = { type: 'string', description: 'MSP id and certificate CN of the signer' };

const SCOPE = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { enum: Object.values(AccessScopeKind) },
    value: { type: 'string', description: 'GS1 company prefix, or GTIN-14 (gtin, lot)' },
    lot: { type: 'string', description: 'Batch/lot number (lot)' },
  },
  additionalProperties: false,
};

/** The body of POST /grants (AccessGrantRequest; parseAccessGrantRequest is its authority). */
export const GRANT_REQUEST_SCHEMA = {
  type: 'object',
  required: ['grantee'],
  properties: {
    grantee: { type: 'string', description: `An MSP id, or ${PUBLIC_GRANTEE} to publish` },
    scope: { ...SCOPE, description: 'Default: all of the organisation’s events' },
    expiresAt: { ...INSTANT, description: 'UTC; access ends at this instant' },
  },
  additionalProperties: false,
};

/** A grant as the ledger recorded it (AccessGrant). */
export const GRANT_SCHEMA = {
  type: 'object',
  required: ['grantId', 'granterMspId', 'grantee', 'scope', 'grantedAt', 'grantedBy', 'txId'],
  properties: {
    grantId: { type: 'string' },
    granterMspId: { type: 'string' },
    grantee: { type: 'string' },
    scope: SCOPE,
    expiresAt: INSTANT,
    grantedAt: INSTANT,
    grantedBy: LEDGER_PARTY,
    txId: { type: 'string' },
    revokedAt: INSTANT,
    revokedBy: LEDGER_PARTY,
    revokedTxId: { type: 'string' },
  },
};

export const GRANTS_SCHEMA = {
  type: 'object',
  required: ['given', 'received'],
  properties: {
    given: { type: 'array', items: GRANT_SCHEMA },
    received: { type: 'array', items: GRANT_SCHEMA },
  },
};
