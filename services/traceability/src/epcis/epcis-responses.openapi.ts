import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { EPCIS_EVENT_SCHEMA } from './epcis.openapi';

/**
 * Outlines of the success answers of the traceability API for the OpenAPI
 * document, beside the request outlines of epcis.openapi.ts: what each answer
 * always holds, as decision 0010 outlines standard documents.
 */

/** GS1 EPCIS 2.0 EPCISQueryDocument (events/domain/query-document.ts). */
export const EPCIS_QUERY_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['@context', 'type', 'schemaVersion', 'creationDate', 'epcisBody'],
  properties: {
    '@context': {},
    type: { type: 'string', enum: ['EPCISQueryDocument'] },
    schemaVersion: { type: 'string', enum: ['2.0'] },
    creationDate: { type: 'string', format: 'date-time' },
    epcisBody: {
      type: 'object',
      required: ['queryResults'],
      properties: {
        queryResults: {
          type: 'object',
          required: ['queryName', 'resultsBody'],
          properties: {
            queryName: { type: 'string' },
            resultsBody: {
              type: 'object',
              required: ['eventList'],
              properties: { eventList: { type: 'array', items: EPCIS_EVENT_SCHEMA } },
            },
          },
        },
      },
    },
  },
};

/** The REST binding's listing of a resource (binding/domain/top-level-resources.ts). */
export const COLLECTION_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['@context', 'type', 'member'],
  properties: {
    '@context': {},
    type: { type: 'string', enum: ['Collection'] },
    member: { type: 'array', items: { type: 'string' } },
  },
};

/** A step of a trace the caller may not see: who captured it and its hash, to prove it. */
const REDACTED_STEP_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'A hidden step: its capturing organisation, event hash and proof link',
};

/** GET /trace (trace/trace.service.ts TraceView). */
export const TRACE_VIEW_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['start', 'direction', 'maxDepth', 'nodes', 'edges', 'truncated', 'redacted'],
  properties: {
    start: { type: 'string' },
    direction: { type: 'string' },
    maxDepth: { type: 'integer' },
    nodes: { type: 'array', items: { type: 'object' } },
    edges: { type: 'array', items: { type: 'object' } },
    truncated: { type: 'boolean' },
    redacted: { type: 'array', items: REDACTED_STEP_SCHEMA },
  },
};

/** GET /recall (trace/trace.service.ts RecallView). */
export const RECALL_VIEW_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['lot', 'generatedAt', 'downstreamLots', 'eventCount', 'redactedSteps', 'truncated'],
  properties: {
    lot: { type: 'string' },
    generatedAt: { type: 'string', format: 'date-time' },
    downstreamLots: { type: 'array', items: { type: 'string' } },
    otherIdentifiers: { type: 'array', items: { type: 'string' } },
    places: { type: 'array', items: { type: 'string' } },
    parties: { type: 'array', items: { type: 'string' } },
    eventCount: { type: 'integer', minimum: 0 },
    redactedSteps: { type: 'array', items: REDACTED_STEP_SCHEMA },
    truncated: { type: 'boolean' },
  },
};

/** A text answer (CSV, an HTML page, an SVG image), described by its media type. */
export const TEXT_SCHEMA: SchemaObject = { type: 'string' };

/** GET /events/{eventID}/attestation (attestation/reading-attestations.ts). */
export const ATTESTATION_VIEW_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['eventID', 'eventHash', 'readings'],
  properties: {
    eventID: { type: 'string' },
    eventHash: { type: 'string' },
    readings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['element', 'verdict', 'reason'],
        properties: {
          element: { type: 'integer', minimum: 0 },
          verdict: { type: 'string' },
          reason: { type: 'string' },
          deviceId: { type: 'string' },
          ownerMspId: { type: 'string' },
          kid: { type: 'string' },
        },
      },
    },
  },
};

/** A device registry record (DeviceRecord in libs/contracts), outlined. */
const DEVICE_RECORD_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['deviceId', 'ownerMspId', 'kind', 'model', 'status', 'keys'],
  properties: {
    deviceId: { type: 'string' },
    ownerMspId: { type: 'string' },
    kind: { type: 'string' },
    model: { type: 'string' },
    status: { type: 'string' },
    statuses: { type: 'array', items: { type: 'object' } },
    keys: { type: 'array', items: { type: 'object' } },
  },
};

export const DEVICE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['device'],
  properties: { device: DEVICE_RECORD_SCHEMA },
};

export const DEVICE_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['devices'],
  properties: { devices: { type: 'array', items: DEVICE_RECORD_SCHEMA } },
};

/** POST /masterData. */
export const MASTER_DATA_WRITTEN_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['elementCount'],
  properties: { elementCount: { type: 'integer', minimum: 0 } },
};

/** GET /masterData?id= (master-data/domain/master-data.ts MasterDataElement). */
export const MASTER_DATA_ELEMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'vocabularyType', 'attributes', 'children'],
  properties: {
    id: { type: 'string' },
    vocabularyType: { type: 'string' },
    attributes: { type: 'object', additionalProperties: true },
    children: { type: 'array', items: { type: 'string' } },
  },
};

/** POST /events: the stored (or already stored) event's eventID. */
export const EVENT_STORED_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['eventID'],
  properties: { eventID: { type: 'string' } },
};

/** A stream subscription as shown (subscriptions/subscription.store.ts SubscriptionView). */
export const SUBSCRIPTION_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['subscriptionID', 'stream', 'initialRecordTime', 'createdAt'],
  properties: {
    subscriptionID: { type: 'string' },
    dest: { type: 'string', format: 'uri' },
    stream: { type: 'boolean', enum: [true] },
    initialRecordTime: { type: 'string', format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
    lastNotifiedAt: { type: 'string', format: 'date-time' },
  },
};

/** A consumer page as asked: the HTML page, or its RFC 9264 linkset. */
export const PAGE_OR_LINKSET_SCHEMA: SchemaObject = {
  oneOf: [
    { type: 'string', description: 'The HTML page' },
    { type: 'object', description: 'The RFC 9264 linkset', required: ['linkset'] },
  ],
};

/** A QR code: SVG text, or PNG bytes. */
export const QR_CODE_SCHEMA: SchemaObject = { type: 'string', format: 'binary' };
