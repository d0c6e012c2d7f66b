import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProblemException } from '@pujiang/http';
import { DataSource } from 'typeorm';
import { listingToken, readListingPage } from '../domain/listing-page';
import { RawQuery } from '../events/domain/event-query';
import { INSTANCE_ROLES } from '../events/domain/identifier-role';
import { EpcisVocabulary } from '../events/epcis-vocabulary';
import { QUERY_PROBLEM } from '../events/events.service';
import { Bind, visibleEventsPredicate } from '../sharing/visible-events.sql';
import {
  STANDARD_EVENT_TYPES,
  VocabularyResource,
  presentVocabularyValue,
} from './domain/top-level-resources';

export interface ListingPage {
  member: string[];
  nextPageToken?: string;
}

/** Where each vocabulary resource's values are, among the events a viewer may see. */
const SOURCES: Record<string, { column: string; from: string; where?: (bind: Bind) => string }> = {
  epcs: {
    column: 'i.identifier',
    from: 'epcis_event_identifier i JOIN epcis_event e ON e.seq = i.event_seq',
    where: (bind) => `i.role = ANY(${bind(INSTANCE_ROLES)}::text[])`,
  },
  bizSteps: { column: 'e.biz_step', from: 'epcis_event e' },
  bizLocations: { column: 'e.biz_location', from: 'epcis_event e' },
  readPoints: { column: 'e.read_point', from: 'epcis_event e' },
  dispositions: { column: 'e.disposition', from: 'epcis_event e' },
};

/**
 * The values of a top-level vocabulary resource (EPCs, business steps, locations…) that occur
 * in events the viewer may see, and whether one does: a value seen only in another's events is
 * as unknown as one never captured.
 */
@Injectable()
export class VocabularyListing {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vocabulary: EpcisVocabulary,
  ) {}

  /**
   * The sub-resources of one value (GET /bizSteps/{bizStep}): a listing of one page, whose
   * perPage and nextPageToken are checked all the same (no token is valid).
   */
  subResources(raw: RawQuery): string[] {
    validListingPage(raw, () => undefined);
    return ['events'];
  }

  async list(resource: VocabularyResource, raw: RawQuery, viewer: string): Promise<ListingPage> {
    const { perPage, after } = validListingPage(raw, (body) =>
      body.resource === resource.path && typeof body.after === 'string' ? body.after : undefined,
    );
    if (resource.path === 'eventTypes') return { member: STANDARD_EVENT_TYPES };
    const source = SOURCES[resource.path];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = [
      `${source.column} IS NOT NULL`,
      visibleEventsPredicate(viewer, new Date(), bind),
      ...(source.where ? [source.where(bind)] : []),
      ...(after === undefined ? [] : [`${source.column} > ${bind(after)}`]),
    ];
    const rows: { value: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ${source.column} AS value FROM ${source.from}
        WHERE ${where.join(' AND ')} ORDER BY 1 LIMIT ${bind(perPage + 1)}`,
      params,
    );
    const values = rows.slice(0, perPage).map((row) => row.value);
    const last = values[values.length - 1];
    return {
      member: values.map((value) => presentVocabularyValue(value, resource.cbv)),
      ...(rows.length > perPage && last !== undefined
        ? { nextPageToken: listingToken({ resource: resource.path, after: last }) }
        : {}),
    };
  }

  async has(resource: VocabularyResource, value: string, viewer: string): Promise<boolean> {
    if (resource.path === 'eventTypes') return STANDARD_EVENT_TYPES.includes(value);
    const source = SOURCES[resource.path];
    const params: unknown[] = [this.canonical(resource, value)];
    const bind = (v: unknown) => `$${params.push(v)}`;
    const where = [
      `${source.column} = $1`,
      visibleEventsPredicate(viewer, new Date(), bind),
      ...(source.where ? [source.where(bind)] : []),
    ];
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM ${source.from} WHERE ${where.join(' AND ')} LIMIT 1`,
      params,
    );
    return rows.length > 0;
  }

  private canonical(resource: VocabularyResource, value: string): string {
    switch (resource.path) {
      case 'bizSteps':
        return this.vocabulary.bizStep(value);
      case 'dispositions':
        return this.vocabulary.disposition(value);
      case 'epcs':
        return this.vocabulary.identifier(value);
      default:
        return this.vocabulary.location(value);
    }
  }
}

function validListingPage<Cursor>(
  raw: RawQuery,
  decode: (body: Record<string, unknown>) => Cursor | undefined,
): { perPage: number; after?: Cursor } {
  const page = readListingPage(raw, decode);
  if ('problems' in page) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'The listing parameters are not valid',
      QUERY_PROBLEM,
      page.problems,
    );
  }
  return page;
}
