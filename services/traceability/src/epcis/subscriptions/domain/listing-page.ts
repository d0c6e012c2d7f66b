import { InvalidField } from '../../domain/invalid-field';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from '../../events/domain/event-query';

/** Where a page of a listing (queries, subscriptions) starts and how long it is. */
export interface ListingPage {
  after?: string;
  perPage: number;
}

/**
 * Reads perPage and nextPageToken of a listing. The token is the last key of
 * the page before, encoded: opaque to clients, and harmless if forged, since
 * a listing only ever holds the caller's own resources.
 */
export function parseListingPage(
  perPage: string | undefined,
  nextPageToken: string | undefined,
): ListingPage | InvalidField[] {
  const problems: InvalidField[] = [];
  let size = DEFAULT_PER_PAGE;
  if (perPage !== undefined) {
    size = /^[1-9]\d{0,3}$/.test(perPage) ? Number(perPage) : 0;
    if (size < 1 || size > MAX_PER_PAGE) {
      problems.push({
        pointer: '/perPage',
        detail: `must be an integer from 1 to ${MAX_PER_PAGE}`,
      });
    }
  }
  let after: string | undefined;
  if (nextPageToken !== undefined) {
    after = /^[A-Za-z0-9_-]{1,400}$/.test(nextPageToken)
      ? Buffer.from(nextPageToken, 'base64url').toString('utf8')
      : undefined;
    if (after === undefined || after.length === 0) {
      problems.push({ pointer: '/nextPageToken', detail: 'is not a token this listing gave' });
    }
  }
  return problems.length > 0
    ? problems
    : { perPage: size, ...(after === undefined ? {} : { after }) };
}

export function listingPageToken(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}
