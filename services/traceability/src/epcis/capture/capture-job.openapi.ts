import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** CaptureJobView (capture-job.view.ts) as the OpenAPI document shows it. */
export const CAPTURE_JOB_SCHEMA: SchemaObject = {
  type: 'object',
  required: [
    'captureID',
    'createdAt',
    'finishedAt',
    'running',
    'success',
    'captureErrorBehaviour',
    'errors',
    'eventCount',
    'capturedCount',
    'duplicateCount',
  ],
  properties: {
    captureID: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: 'string', format: 'date-time' },
    running: { type: 'boolean', enum: [false] },
    success: { type: 'boolean' },
    captureErrorBehaviour: { type: 'string', enum: ['rollback', 'proceed'] },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['eventIndex', 'pointer', 'detail'],
        properties: {
          eventIndex: { type: 'integer', minimum: 0 },
          pointer: { type: 'string', description: 'JSON pointer into the event' },
          detail: { type: 'string' },
        },
      },
    },
    eventCount: { type: 'integer', minimum: 0 },
    capturedCount: { type: 'integer', minimum: 0 },
    duplicateCount: { type: 'integer', minimum: 0 },
  },
};
