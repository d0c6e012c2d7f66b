import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const HEX_64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

/** AnchorProofView (anchor-proofs.service.ts) as the OpenAPI document shows it. */
export const ANCHOR_PROOF_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['eventID', 'eventHash', 'anchorStatus', 'verified'],
  properties: {
    eventID: { type: 'string' },
    eventHash: { type: 'string', description: 'CBV 2.0 event hash ID' },
    anchorStatus: { type: 'string', enum: ['pending', 'anchored'] },
    verified: { type: 'boolean' },
    anchor: {
      type: 'object',
      description: 'Where the event sits in its batch, as this service recorded it',
      required: ['batchId', 'leafIndex', 'proof', 'merkleRoot', 'txId', 'blockNumber'],
      properties: {
        batchId: { type: 'string' },
        leafIndex: { type: 'integer', minimum: 0 },
        proof: {
          type: 'array',
          items: {
            type: 'object',
            required: ['position', 'hash'],
            properties: { position: { type: 'string', enum: ['left', 'right'] }, hash: HEX_64 },
          },
        },
        merkleRoot: HEX_64,
        txId: HEX_64,
        blockNumber: { type: 'integer', minimum: 0 },
        anchoredAt: { type: 'string', format: 'date-time' },
        anchoredBy: { type: 'string', nullable: true },
      },
    },
    ledger: {
      type: 'object',
      nullable: true,
      description: 'The batch as the ledger holds it, read now; null if the ledger has none',
      properties: {
        batchId: { type: 'string' },
        merkleRoot: HEX_64,
        eventCount: { type: 'integer', minimum: 1 },
        submitterMspId: { type: 'string' },
        txId: HEX_64,
        anchoredAt: { type: 'string', format: 'date-time' },
      },
    },
    checks: {
      type: 'object',
      required: [
        'eventUnchanged',
        'proofLeadsToRoot',
        'rootOnLedger',
        'anchoredByCapturer',
        'verified',
      ],
      properties: {
        eventUnchanged: { type: 'boolean' },
        proofLeadsToRoot: { type: 'boolean' },
        rootOnLedger: { type: 'boolean' },
        anchoredByCapturer: { type: 'boolean' },
        verified: { type: 'boolean' },
        reason: { type: 'string', description: 'The first check that failed' },
      },
    },
  },
};
