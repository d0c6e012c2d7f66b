import { QueryParameter } from '@pujiang/http';
import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ACTIONS, EVENT_TYPES, MATCH_PARAMETERS, MAX_PER_PAGE } from './events/domain/event-query';

/**
 * The outline of an EPCIS 2.0 event for the OpenAPI document. What is accepted
 * is decided by GS1's own JSON Schema (capture/gs1-schema), which is far
 * larger; this outline names what every event needs so that generated
 * requests reach that validation.
 */
export const EPCIS_EVENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'eventTime', 'eventTimeZoneOffset'],
  properties: {
    type: { type: 'string', enum: EVENT_TYPES },
    eventID: { type: 'string' },
    eventTime: { type: 'string', format: 'date-time' },
    eventTimeZoneOffset: { type: 'string', pattern: '^[+-]([01][0-9]|2[0-3]):[0-5][0-9]$' },
    action: { type: 'string', enum: ACTIONS },
    bizStep: { type: 'string' },
    disposition: { type: 'string' },
    epcList: { type: 'array', items: { type: 'string' } },
    readPoint: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    bizLocation: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
  },
};

export const EPCIS_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'schemaVersion', 'creationDate', 'epcisBody'],
  properties: {
    '@context': {},
    type: { type: 'string', enum: ['EPCISDocument'] },
    schemaVersion: { type: 'string', enum: ['2.0'] },
    creationDate: { type: 'string', format: 'date-time' },
    epcisBody: {
      type: 'object',
      required: ['eventList'],
      properties: { eventList: { type: 'array', items: EPCIS_EVENT_SCHEMA } },
    },
  },
};

/** GTIN-8, -12, -13 or -14 (the check digit is checked too). */
export const GTIN_SCHEMA: SchemaObject = { type: 'string', pattern: '^(\\d{8}|\\d{12,14})$' };

/** Batch/lot number (AI 10): 1 to 20 characters of GS1's CSET 82. */
export const LOT_SCHEMA: SchemaObject = {
  type: 'string',
  pattern: `^[!"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]{1,20}$`,
};

const pipeList = (what: string) => `${what}; several are separated by |`;

/** SimpleEventQuery parameters of the EPCIS 2.0 REST binding that GET /events reads. */
export const EVENT_QUERY_PARAMETERS: QueryParameter[] = [
  { name: 'eventType', description: pipeList('Event type'), schema: { type: 'string' } },
  ...['GE_eventTime', 'LT_eventTime', 'GE_recordTime', 'LT_recordTime'].map((name) => ({
    name,
    description: 'ISO 8601 date-time with a time zone',
    schema: { type: 'string', format: 'date-time' },
  })),
  {
    name: 'EQ_action',
    description: pipeList('ADD, OBSERVE or DELETE'),
    schema: { type: 'string' },
  },
  ...['EQ_bizStep', 'EQ_disposition', 'EQ_eventID'].map((name) => ({
    name,
    description: pipeList('CBV value or URI'),
    schema: { type: 'string' },
  })),
  ...['EQ_readPoint', 'WD_readPoint', 'EQ_bizLocation', 'WD_bizLocation'].map((name) => ({
    name,
    description: pipeList('Location (SGLN URN or GS1 Digital Link); WD_ includes sub-locations'),
    schema: { type: 'string' },
  })),
  ...MATCH_PARAMETERS.map((name) => ({
    name,
    description: pipeList('Identifier (EPC URN or GS1 Digital Link)'),
    schema: { type: 'string' },
  })),
  ...['EQ_type', 'EQ_deviceID', 'EQ_dataProcessingMethod', 'EQ_bizRules'].map((name) => ({
    name,
    description: pipeList('Sensor report value (EQ_type: a measurement type such as Temperature)'),
    schema: { type: 'string' },
  })),
  ...['EQ_microorganism', 'EQ_chemicalSubstance', 'EQ_stringValue', 'EQ_hexBinaryValue'].map(
    (name) => ({ name, description: pipeList('Sensor report value'), schema: { type: 'string' } }),
  ),
  { name: 'EQ_uriValue', description: pipeList('Sensor report URI'), schema: { type: 'string' } },
  {
    name: 'EQ_booleanValue',
    description: 'Sensor report boolean',
    schema: { type: 'string', enum: ['true', 'false'] },
  },
  ...['GE_time', 'LT_time', 'GE_startTime', 'LT_startTime', 'GE_endTime', 'LT_endTime'].map(
    (name) => ({
      name,
      description: 'Sensor metadata time: ISO 8601 date-time with a time zone',
      schema: { type: 'string', format: 'date-time' },
    }),
  ),
  ...['EQ_quantity', 'GT_quantity', 'GE_quantity', 'LT_quantity', 'LE_quantity'].map((name) => ({
    name,
    description: 'Quantity of a quantity element (add _UOM to the name for one unit)',
    schema: { type: 'number' },
  })),
  ...['EXISTS_errorDeclaration', 'EXISTS_sensorElementList'].map((name) => ({
    name,
    description: 'true (or empty): only events with it',
    schema: { type: 'string', enum: ['true', 'false', ''] },
  })),
  {
    name: 'orderBy',
    description: 'Sort field',
    schema: { type: 'string', enum: ['eventTime', 'recordTime'] },
  },
  {
    name: 'orderDirection',
    description: 'Sort direction',
    schema: { type: 'string', enum: ['ASC', 'DESC'] },
  },
  {
    name: 'eventCountLimit',
    description: 'At most this many events',
    schema: { type: 'integer', minimum: 1 },
  },
  {
    name: 'maxEventCount',
    description: 'More matching events than this is refused (413), not cut',
    schema: { type: 'integer', minimum: 1 },
  },
  {
    name: 'perPage',
    description: 'Events per page',
    schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE },
  },
  {
    name: 'nextPageToken',
    description: 'From the previous page’s Link header',
    schema: { type: 'string' },
  },
];

/** The paging parameters of a listing (GET /capture, /epcs, /bizSteps…). */
export const LISTING_PARAMETERS: QueryParameter[] = EVENT_QUERY_PARAMETERS.filter((parameter) =>
  ['perPage', 'nextPageToken'].includes(parameter.name),
);
