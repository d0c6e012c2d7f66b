import { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { MAX_PER_PAGE } from '../events/domain/event-query';

/** GS1's QueryDefinition: the parameters are checked by the event query parser. */
export const QUERY_DEFINITION_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['name', 'query'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9._~-]{1,128}$' },
    query: { type: 'object', description: 'EPCIS query parameters (GS1 query-schema.json)' },
  },
};

export const PER_PAGE_QUERY = {
  name: 'perPage',
  required: false,
  schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE },
} as const;

/** The path parameter naming a named query, on every /queries/{queryName}… route. */
export const QUERY_NAME = { name: 'queryName', description: 'The name the query was created with' };
