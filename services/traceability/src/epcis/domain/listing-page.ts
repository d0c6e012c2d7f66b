import { InvalidField } from './invalid-field';

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 1000;

/** A page of a listing of the binding: its size, and where the previous page stopped. */
export interface ListingPage<Cursor> {
  perPage: number;
  after?: Cursor;
}

type Raw = Record<string, string | string[] | undefined>;

/**
 * Reads `perPage` and `nextPageToken` of a listing (GET /capture, /epcs, /bizSteps…), and
 * refuses any other parameter, a size out of range, or a token this listing did not give.
 */
export function readListingPage<Cursor>(
  raw: Raw,
  decode: (body: Record<string, unknown>) => Cursor | undefined,
): ListingPage<Cursor> | { problems: InvalidField[] } {
  const problems: InvalidField[] = [];
  const page: ListingPage<Cursor> = { perPage: DEFAULT_PER_PAGE };
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (name === 'perPage') {
      const perPage = typeof value === 'string' && /^[1-9]\d{0,3}$/.test(value) ? +value : 0;
      if (perPage >= 1 && perPage <= MAX_PER_PAGE) page.perPage = perPage;
      else problems.push({ pointer: '/perPage', detail: `must be from 1 to ${MAX_PER_PAGE}` });
    } else if (name === 'nextPageToken') {
      const body = typeof value === 'string' ? tokenBody(value) : undefined;
      page.after = body === undefined ? undefined : decode(body);
      if (page.after === undefined) {
        problems.push({ pointer: '/nextPageToken', detail: 'is not a token this listing gave' });
      }
    } else {
      problems.push({ pointer: `/${name}`, detail: 'is not a parameter of this listing' });
    }
  }
  return problems.length > 0 ? { problems } : page;
}

/** A listing's page token: where its page stopped, as base64url JSON (the server keeps none). */
export function listingToken(body: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function tokenBody(token: string): Record<string, unknown> | undefined {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    return typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
