import { createHash } from 'node:crypto';
import { EventQuery } from './event-query';

/** Where the previous page stopped: the sort key and sequence of its last event. */
export interface PageCursor {
  sortKey: string;
  seq: string;
  /** Events already delivered, so eventCountLimit holds across pages. */
  delivered: number;
}

interface TokenBody extends PageCursor {
  query: string;
}

/**
 * Keyset paging: the token carries the last row's position, not an offset,
 * so pages stay fast and stable while new events arrive. It is bound to the
 * query it came from; reusing it with other filters is refused.
 */
export function encodePageToken(query: EventQuery, cursor: PageCursor): string {
  const body: TokenBody = { ...cursor, query: queryFingerprint(query) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodePageToken(query: EventQuery, token: string): PageCursor | undefined {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (!isTokenBody(body) || body.query !== queryFingerprint(query)) return undefined;
    return { sortKey: body.sortKey, seq: body.seq, delivered: body.delivered };
  } catch {
    return undefined;
  }
}

function isTokenBody(value: unknown): value is TokenBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.sortKey === 'string' &&
    !Number.isNaN(Date.parse(body.sortKey)) &&
    typeof body.seq === 'string' &&
    /^\d{1,19}$/.test(body.seq) &&
    typeof body.delivered === 'number' &&
    Number.isInteger(body.delivered) &&
    body.delivered >= 0 &&
    typeof body.query === 'string'
  );
}

function queryFingerprint(query: EventQuery): string {
  // Page size and position may change between pages; the filters may not.
  const filters = { ...query, nextPageToken: undefined, perPage: undefined };
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 22);
}
