import { parseEventQuery, QueryVocabulary } from './events/domain/event-query';
import { EVENT_QUERY_PARAMETERS } from './epcis.openapi';

const vocabulary: QueryVocabulary = {
  bizStep: (value) => value,
  disposition: (value) => value,
  identifier: (value) => value,
  location: (value) => value,
};

const SAMPLES: Record<string, string> = {
  eventType: 'ObjectEvent',
  EQ_action: 'ADD',
  orderBy: 'eventTime',
  orderDirection: 'ASC',
  eventCountLimit: '5',
  maxEventCount: '5',
  EQ_booleanValue: 'true',
  EXISTS_errorDeclaration: 'true',
  EXISTS_sensorElementList: '',
  EQ_quantity: '2',
  GT_quantity: '2',
  GE_quantity: '2',
  LT_quantity: '2',
  LE_quantity: '2',
  GE_time: '2026-01-01T00:00:00Z',
  LT_time: '2026-01-01T00:00:00Z',
  perPage: '10',
  nextPageToken: 'token',
};

describe('the OpenAPI description of GET /events', () => {
  it.each(EVENT_QUERY_PARAMETERS.map((parameter) => [parameter.name]))(
    'documents %s, which the query parser reads',
    (name) => {
      const value = SAMPLES[name] ?? (name.endsWith('Time') ? '2026-01-01T00:00:00Z' : 'urn:x');
      expect(() => parseEventQuery({ [name]: value }, vocabulary)).not.toThrow();
    },
  );
});
