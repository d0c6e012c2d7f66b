/** JSON Schemas of the FSMA 204 request answers, for the OpenAPI document (and the fuzz). */
const DATE_TIME = { type: 'string', format: 'date-time' } as const;

export const FSMA_REQUEST_SCHEMA = {
  type: 'object',
  required: [
    'requestId',
    'organisation',
    'gtin',
    'lot',
    'from',
    'to',
    'requestedBy',
    'requestedAt',
    'respondBy',
    'standing',
    'flagged',
    'answer',
  ],
  properties: {
    requestId: { type: 'string', format: 'uuid' },
    organisation: { type: 'string' },
    gtin: { type: 'string' },
    lot: { type: 'string' },
    from: DATE_TIME,
    to: DATE_TIME,
    requestedBy: { type: 'string' },
    requestedAt: DATE_TIME,
    respondBy: DATE_TIME,
    standing: { enum: ['AWAITING', 'OVERDUE', 'ANSWERED_ON_TIME', 'ANSWERED_LATE'] },
    flagged: { type: 'boolean' },
    answer: {
      type: 'object',
      nullable: true,
      required: ['answeredBy', 'answeredAt', 'spreadsheetSha256', 'records'],
      properties: {
        answeredBy: { type: 'string' },
        answeredAt: DATE_TIME,
        spreadsheetSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        records: { type: 'integer', minimum: 0 },
      },
    },
  },
};

export const FSMA_REQUESTS_SCHEMA = {
  type: 'object',
  required: ['requests'],
  properties: { requests: { type: 'array', items: FSMA_REQUEST_SCHEMA } },
};
