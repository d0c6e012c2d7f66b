import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';
import { EventQueryError, RawQuery, parseEventQuery } from './domain/event-query';
import { decodePageToken, encodePageToken } from './domain/page-token';
import { ResultEvent, queryDocument } from './domain/query-document';
import { EpcisVocabulary } from './epcis-vocabulary';
import { EventQueryRepository } from './event-query.repository';
import { findEvent } from './find-event';

export const QUERY_PROBLEM = 'epcisException:QueryParameterException';

export interface QueryPage {
  document: ReturnType<typeof queryDocument>;
  nextPageToken?: string;
}

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EventQueryRepository,
    private readonly vocabulary: EpcisVocabulary,
  ) {}

  /**
   * The events matching the query that `viewer` (an organisation's MSP id) may see. `fixed`
   * holds what the resource path already says (`/bizSteps/shipping/events`); the query string
   * may not say it again.
   */
  async query(raw: RawQuery, viewer: string, fixed: RawQuery = {}): Promise<QueryPage> {
    const repeated = Object.keys(fixed).filter((name) => raw[name] !== undefined);
    if (repeated.length > 0) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The resource path already gives this query parameter',
        QUERY_PROBLEM,
        repeated.map((name) => ({ pointer: `/${name}`, detail: 'given by the path' })),
      );
    }
    let query;
    try {
      query = parseEventQuery({ ...raw, ...fixed }, this.vocabulary);
    } catch (error) {
      if (!(error instanceof EventQueryError)) throw error;
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The query parameters are not valid',
        QUERY_PROBLEM,
        error.problems,
      );
    }
    const cursor =
      query.nextPageToken === undefined ? undefined : decodePageToken(query, query.nextPageToken);
    if (query.nextPageToken !== undefined && cursor === undefined) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'nextPageToken does not belong to this query',
        QUERY_PROBLEM,
        [{ pointer: '/nextPageToken', detail: 'repeat the query with the same filters' }],
      );
    }
    if (query.maxEventCount !== undefined && cursor === undefined) {
      const found = await this.repository.countUpTo(query, query.maxEventCount + 1, viewer);
      if (found > query.maxEventCount) {
        throw new ProblemException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          `More than maxEventCount (${query.maxEventCount}) events match`,
          'epcisException:QueryTooLargeException',
        );
      }
    }
    const delivered = cursor?.delivered ?? 0;
    const remaining = (query.eventCountLimit ?? Number.POSITIVE_INFINITY) - delivered;
    const pageSize = Math.min(query.perPage, remaining);
    // One row more than the page tells whether a next page exists.
    const rows =
      pageSize > 0 ? await this.repository.find(query, cursor, pageSize + 1, viewer) : [];
    const page = rows.slice(0, pageSize);
    const last = page[page.length - 1];
    const more = rows.length > pageSize && last !== undefined && page.length < remaining;
    return {
      document: queryDocument(page, new Date()),
      ...(more
        ? {
            nextPageToken: encodePageToken(query, {
              sortKey: last.sortKey,
              seq: last.seq,
              delivered: delivered + page.length,
            }),
          }
        : {}),
    };
  }

  /**
   * The event and the @context it was captured with (which its extensions'
   * prefixes need); the binding answers it as a query document holding it alone.
   */
  async findOne(eventID: string, viewer: string): Promise<ResultEvent> {
    const row = await findEvent<{
      document: Record<string, unknown>;
      context: unknown;
      record_time: Date;
    }>(this.dataSource, eventID, 'document, context, record_time', viewer);
    return {
      document: row.document,
      context: row.context,
      recordTime: row.record_time.toISOString(),
    };
  }

  /** The hash ID of the event `viewer` may see under this eventID: proofs are asked by it. */
  async visibleHash(eventID: string, viewer: string): Promise<string> {
    const row = await findEvent<{ event_hash: string }>(
      this.dataSource,
      eventID,
      'event_hash',
      viewer,
    );
    return row.event_hash;
  }
}
