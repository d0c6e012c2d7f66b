import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DocumentFilter } from './domain/document-filters';
import { EventQuery, LocationMatch, TimeRange } from './domain/event-query';
import { PageCursor } from './domain/page-token';
import { Bind, visibleEventsPredicate } from '../sharing/visible-events.sql';
import { attributePredicate, locationsBelow } from './master-data-query.sql';

export interface QueriedEvent {
  seq: string;
  sortKey: string;
  document: Record<string, unknown>;
  /** The @context of the document the event came in, for its extension prefixes. */
  context: unknown;
  recordTime: string;
}

/**
 * Turns an EventQuery into one parameterised SQL statement. Every filter is
 * served by an index (see the EPCIS repository migration); identifier
 * filters are EXISTS probes into the (identifier, role, event) index. Only
 * events the viewer may see are found (decision 0014), page after page.
 */
@Injectable()
export class EventQueryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(
    query: EventQuery,
    cursor: PageCursor | undefined,
    limit: number,
    viewer: string,
  ): Promise<QueriedEvent[]> {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = conditions(query, viewer, bind);
    const sortColumn = query.orderBy === 'recordTime' ? 'record_time' : 'event_time';
    const direction = query.orderDirection;
    if (cursor !== undefined) {
      const comparison = direction === 'ASC' ? '>' : '<';
      where.push(
        `(e.${sortColumn}, e.seq) ${comparison} (${bind(cursor.sortKey)}::timestamptz, ${bind(cursor.seq)}::bigint)`,
      );
    }
    const rows: {
      seq: string;
      sort_key: Date;
      document: Record<string, unknown>;
      context: unknown;
      record_time: Date;
    }[] = await this.dataSource.query(
      `SELECT e.seq, e.${sortColumn} AS sort_key, e.document, e.context, e.record_time
           FROM epcis_event e
          WHERE ${where.join(' AND ')}
          ORDER BY e.${sortColumn} ${direction}, e.seq ${direction}
          LIMIT ${bind(limit)}`,
      params,
    );
    return rows.map((row) => ({
      seq: row.seq,
      sortKey: row.sort_key.toISOString(),
      document: row.document,
      context: row.context,
      recordTime: row.record_time.toISOString(),
    }));
  }

  /** How many events match, counting no further than `limit`. */
  async countUpTo(query: EventQuery, limit: number, viewer: string): Promise<number> {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = conditions(query, viewer, bind);
    const rows: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM (SELECT 1 FROM epcis_event e
          WHERE ${where.join(' AND ')} LIMIT ${bind(limit)}) matching`,
      params,
    );
    return Number(rows[0]?.n ?? 0);
  }
}

/** The query's filters and the viewer's visibility, as SQL conditions on epcis_event `e`. */
function conditions(query: EventQuery, viewer: string, bind: Bind): string[] {
  const where: string[] = [visibleEventsPredicate(viewer, new Date(), bind)];
  const inList = (column: string, values: string[] | undefined) => {
    if (values !== undefined) where.push(`e.${column} = ANY(${bind(values)}::text[])`);
  };
  const range = (column: string, { gte, lt }: TimeRange) => {
    if (gte !== undefined) where.push(`e.${column} >= ${bind(gte.toISOString())}`);
    if (lt !== undefined) where.push(`e.${column} < ${bind(lt.toISOString())}`);
  };
  const location = (column: string, match: LocationMatch) => {
    const exact = `e.${column} = ANY(${bind(match.values)}::text[])`;
    if (!match.withDescendants) return where.push(exact);
    // A sub-location is written under its parent (an SGLN's GLN extension, …/254/…).
    const below = match.values.map((v) => `e.${column} LIKE ${bind(`${escapeLike(v)}/%`)}`);
    // …and under it in the master data's hierarchy.
    const described = `e.${column} IN ${locationsBelow(match.values, bind)}`;
    return where.push(`(${[exact, ...below, described].join(' OR ')})`);
  };

  inList('event_type', query.eventTypes);
  range('event_time', query.eventTime);
  range('record_time', query.recordTime);
  inList('action', query.actions);
  inList('biz_step', query.bizSteps);
  inList('disposition', query.dispositions);
  inList('event_id', query.eventIDs);
  inList('event_hash', query.eventHashes);
  query.readPoints.forEach((match) => location('read_point', match));
  query.bizLocations.forEach((match) => location('biz_location', match));
  for (const match of query.attributes) where.push(attributePredicate(match, bind));
  for (const match of query.identifiers) {
    // An ID pattern is a prefix for the primary key (identifiers in byte order), then its regex.
    const named = [
      `i.identifier = ANY(${bind(match.values)}::text[])`,
      ...match.patterns.map(
        (p) =>
          `(i.identifier LIKE ${bind(`${escapeLike(p.prefix)}%`)} AND i.identifier ~ ${bind(p.regex)})`,
      ),
    ];
    where.push(`EXISTS (SELECT 1 FROM epcis_event_identifier i
        WHERE i.event_seq = e.seq AND (${named.join(' OR ')})
          AND i.role = ANY(${bind(match.roles)}::text[]))`);
  }
  for (const filter of query.documentFilters) where.push(documentCondition(filter, bind));
  return where;
}

/** A condition on the stored document; its path is fixed text, the caller's values are bound. */
function documentCondition(filter: DocumentFilter, bind: Bind): string {
  if (filter.kind === 'path') {
    return `jsonb_path_exists(e.document, ${bind(filter.path)}::jsonpath, ${bind(JSON.stringify(filter.vars))}::jsonb)`;
  }
  // Captured documents passed the schema's date-time format, so every value casts.
  const bounds = [
    filter.gte === undefined
      ? []
      : [`(t #>> '{}')::timestamptz >= ${bind(filter.gte.toISOString())}`],
    filter.lt === undefined ? [] : [`(t #>> '{}')::timestamptz < ${bind(filter.lt.toISOString())}`],
  ].flat();
  const paths = typeof filter.path === 'string' ? [filter.path] : filter.path;
  return `EXISTS (SELECT 1 FROM unnest(${bind(paths)}::text[]) p,
      jsonb_path_query(e.document, p::jsonpath) t
    WHERE jsonb_typeof(t) = 'string' AND ${bounds.join(' AND ')})`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
