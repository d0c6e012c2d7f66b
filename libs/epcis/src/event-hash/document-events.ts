import { EventHashError } from './canonical-value';
import { EVENT_TYPES } from './field-order';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import type { EventHashContext } from './pre-hash';

/** The events of a document in document order, and what hashing them needs from the document. */
export interface DocumentEvents {
  readonly events: readonly JsonObject[];
  readonly context: EventHashContext;
}

function member(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return isJsonObject(value) ? value[key] : undefined;
}

/**
 * A repository's list of its private members (`"repository-x:ignoreFields": [...]`), which the
 * reference implementation leaves out of the hash; matched on the local name `ignoreFields`.
 */
function ignoreFieldsOf(holder: JsonValue | undefined): string[] {
  if (!isJsonObject(holder)) return [];
  return Object.entries(holder)
    .filter(([key]) => key === 'ignoreFields' || key.endsWith(':ignoreFields'))
    .flatMap(([, value]) => (Array.isArray(value) ? value : []))
    .filter((field): field is string => typeof field === 'string');
}

function eventList(list: JsonValue | undefined, where: string): JsonObject[] {
  if (!Array.isArray(list)) throw new EventHashError(`${where} is not a list of events`);
  return list.map((event, i) => {
    if (!isJsonObject(event)) throw new EventHashError(`${where}[${i}] is not an event object`);
    return event;
  });
}

/**
 * The events of an EPCISDocument (`epcisBody.eventList`, or a single `epcisBody.event`) or of an
 * EPCISQueryDocument (`epcisBody.queryResults.resultsBody.eventList`), in document order. A bare
 * event is taken as a document of one.
 */
export function documentEvents(document: unknown): DocumentEvents {
  if (!isJsonObject(document)) throw new EventHashError('an EPCIS document must be a JSON object');
  const type = document['type'];
  if (typeof type === 'string' && EVENT_TYPES.has(type)) {
    return { events: [document], context: {} };
  }
  const body = document['epcisBody'];
  const jsonLdContext = document['@context'];
  if (type === 'EPCISQueryDocument') {
    const results = member(body, 'queryResults');
    const list = member(member(results, 'resultsBody'), 'eventList');
    return {
      events: list === undefined ? [] : eventList(list, 'queryResults.resultsBody.eventList'),
      context: {
        jsonLdContext,
        ignoreFields: [...ignoreFieldsOf(document), ...ignoreFieldsOf(results)],
      },
    };
  }
  if (type !== 'EPCISDocument') {
    const what = typeof type === 'string' ? `type '${type}'` : 'no type';
    throw new EventHashError(`not an EPCIS document or event (${what})`);
  }
  const single = member(body, 'event');
  const events =
    single !== undefined
      ? eventList([single], 'epcisBody.event')
      : eventList(member(body, 'eventList'), 'epcisBody.eventList');
  return { events, context: { jsonLdContext, ignoreFields: ignoreFieldsOf(document) } };
}
