import { InvalidField } from '../../domain/invalid-field';
import { RawQuery } from '../../events/domain/event-query';

/** Query names go into URLs (/queries/{name}/events): RFC 3986 unreserved characters only. */
const QUERY_NAME = /^[A-Za-z0-9._~-]{1,128}$/;

/** Whether a text can name a query (1 to 128 unreserved URI characters). */
export function isQueryName(text: string): boolean {
  return QUERY_NAME.test(text);
}

/** Parameters that belong to one run of a query, not to its definition. */
const RUN_ONLY = ['nextPageToken'];

/** A query value as the GS1 query schema writes it: a list, a string, a number or a flag. */
export type QueryValue = string[] | string | number | boolean;

export interface QueryDefinition {
  name: string;
  query: Record<string, QueryValue>;
}

export class InvalidQueryDefinition extends Error {
  constructor(readonly problems: InvalidField[]) {
    super(problems.map((p) => `${p.pointer}: ${p.detail}`).join('; '));
  }
}

/**
 * Reads a POST /queries body ({ name, query }) in the shape of GS1's query
 * schema. Whether the query's parameters mean something is for the event
 * query parser to say, through toRawQuery: one parser for /events and for
 * named queries, so they never disagree.
 */
export function parseQueryDefinition(body: unknown): QueryDefinition {
  const problems: InvalidField[] = [];
  if (!isRecord(body)) {
    throw new InvalidQueryDefinition([{ pointer: '', detail: 'must be a JSON object' }]);
  }
  for (const key of Object.keys(body)) {
    if (key !== 'name' && key !== 'query') {
      problems.push({ pointer: `/${key}`, detail: 'is not a member of a query definition' });
    }
  }
  const { name, query } = body;
  if (typeof name !== 'string' || !isQueryName(name)) {
    problems.push({
      pointer: '/name',
      detail: 'must be 1 to 128 letters, digits or . _ ~ -',
    });
  }
  if (!isRecord(query)) {
    problems.push({ pointer: '/query', detail: 'must be a JSON object of query parameters' });
  } else {
    for (const [parameter, value] of Object.entries(query)) {
      const detail = valueProblem(parameter, value);
      if (detail !== undefined) problems.push({ pointer: `/query/${escape(parameter)}`, detail });
    }
  }
  if (problems.length > 0) throw new InvalidQueryDefinition(problems);
  return { name: name as string, query: query as Record<string, QueryValue> };
}

/**
 * The query as the REST binding's URL parameters: lists pipe-delimited,
 * everything else as its text, so parseEventQuery reads it as it reads GET
 * /events.
 */
export function toRawQuery(query: Record<string, QueryValue>): RawQuery {
  return Object.fromEntries(
    Object.entries(query).map(([parameter, value]) => [
      parameter,
      Array.isArray(value) ? value.join('|') : String(value),
    ]),
  );
}

function valueProblem(parameter: string, value: unknown): string | undefined {
  if (RUN_ONLY.includes(parameter)) return 'belongs to one run of the query, not to its definition';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'must list at least one value';
    if (!value.every((v) => typeof v === 'string' && v.length > 0 && !v.includes('|'))) {
      return 'must list non-empty strings without |';
    }
    return undefined;
  }
  if (typeof value === 'string')
    return value.includes('|') ? 'give several values as a list' : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return undefined;
  return 'must be a string, a number, a boolean or a list of strings';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901: ~ and / inside a member name. */
function escape(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
