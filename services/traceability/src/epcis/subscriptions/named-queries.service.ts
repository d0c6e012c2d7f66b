import { HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { EventQueryError, RawQuery, parseEventQuery } from '../events/domain/event-query';
import { EpcisVocabulary } from '../events/epcis-vocabulary';
import { EventsService, QUERY_PROBLEM, QueryPage } from '../events/events.service';
import { InvalidField } from '../domain/invalid-field';
import { ListingPage, listingPageToken, parseListingPage } from './domain/listing-page';
import {
  InvalidQueryDefinition,
  QueryDefinition,
  isQueryName,
  parseQueryDefinition,
  toRawQuery,
} from './domain/query-definition';
import { SUBSCRIPTION_PARAMETERS, SUBSCRIPTION_PROBLEM } from './domain/subscription-request';
import { NamedQueryStore, QueryOwner, StoredQuery } from './named-query.store';

/** What a run of a named query may add to its definition: which page. */
const RUN_PARAMETERS = ['perPage', 'nextPageToken'];

export const ALREADY_EXISTS_PROBLEM = 'epcisException:ResourceAlreadyExistsException';
export const NOT_FOUND_PROBLEM = 'epcisException:NoSuchNameException';

export interface QueryListing {
  queries: QueryDefinition[];
  nextPageToken?: string;
}

/**
 * Named queries (POST/GET/DELETE /queries…): a party's saved SimpleEventQuery,
 * run as GET /events runs it, with the caller's organisation's visibility.
 */
@Injectable()
export class NamedQueriesService {
  constructor(
    private readonly store: NamedQueryStore,
    private readonly events: EventsService,
    private readonly vocabulary: EpcisVocabulary,
  ) {}

  async create(owner: QueryOwner, body: unknown): Promise<QueryDefinition> {
    let definition: QueryDefinition;
    try {
      definition = parseQueryDefinition(body);
      parseEventQuery(toRawQuery(definition.query), this.vocabulary);
    } catch (error) {
      if (error instanceof InvalidQueryDefinition) throw invalidQuery(error.problems);
      if (error instanceof EventQueryError) {
        throw invalidQuery(error.problems.map((p) => ({ ...p, pointer: `/query${p.pointer}` })));
      }
      throw error;
    }
    if (!(await this.store.create(owner, definition))) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        `you already have a query named ${definition.name}`,
        ALREADY_EXISTS_PROBLEM,
      );
    }
    return definition;
  }

  async list(
    owner: QueryOwner,
    perPage: string | undefined,
    nextPageToken: string | undefined,
  ): Promise<QueryListing> {
    const page = listingPage(perPage, nextPageToken);
    // A token this listing gave names a query; anything else never reaches the database.
    if (page.after !== undefined && !isQueryName(page.after)) {
      throw invalidQuery([
        { pointer: '/nextPageToken', detail: 'is not a token this listing gave' },
      ]);
    }
    const rows = await this.store.list(owner, page.after, page.perPage + 1);
    const queries = rows.slice(0, page.perPage);
    const last = queries.at(-1);
    return {
      queries: queries.map(({ name, query }) => ({ name, query })),
      ...(rows.length > page.perPage && last !== undefined
        ? { nextPageToken: listingPageToken(last.name) }
        : {}),
    };
  }

  /** The caller's own query of that name; another party's is not found. */
  async get(owner: QueryOwner, name: string): Promise<StoredQuery> {
    const query = await this.store.find(owner, name);
    if (query === undefined) throw noSuchQuery(name);
    return query;
  }

  async delete(owner: QueryOwner, name: string): Promise<void> {
    if (!(await this.store.delete(owner, name))) throw noSuchQuery(name);
  }

  /** GET /queries/{name}/events: the query's events, a page at a time. */
  async run(owner: QueryOwner, name: string, raw: RawQuery): Promise<QueryPage> {
    const streaming = Object.keys(raw).filter((key) => SUBSCRIPTION_PARAMETERS.includes(key));
    if (streaming.length > 0) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'subscription parameters need a WebSocket handshake (Upgrade: websocket)',
        SUBSCRIPTION_PROBLEM,
        streaming.map((key) => ({ pointer: `/${key}`, detail: 'only with Upgrade: websocket' })),
      );
    }
    const unknown = Object.keys(raw).filter((key) => !RUN_PARAMETERS.includes(key));
    if (unknown.length > 0) {
      throw invalidQuery(
        unknown.map((key) => ({
          pointer: `/${key}`,
          detail: 'a named query is run as defined; only perPage and nextPageToken may be given',
        })),
      );
    }
    const query = await this.get(owner, name);
    return this.events.query({ ...toRawQuery(query.query), ...raw }, owner.organisation);
  }
}

/** The page a listing asks for, or a 400 naming what is wrong. */
export function listingPage(
  perPage: string | undefined,
  nextPageToken: string | undefined,
): ListingPage {
  const page = parseListingPage(perPage, nextPageToken);
  if (Array.isArray(page)) throw invalidQuery(page);
  return page;
}

function invalidQuery(problems: InvalidField[]): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    'The query is not valid',
    QUERY_PROBLEM,
    problems,
  );
}

function noSuchQuery(name: string): ProblemException {
  return new ProblemException(HttpStatus.NOT_FOUND, `no query named ${name}`, NOT_FOUND_PROBLEM);
}
