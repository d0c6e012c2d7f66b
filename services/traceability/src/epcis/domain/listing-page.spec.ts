import { listingToken, readListingPage } from './listing-page';

const after = (body: Record<string, unknown>) =>
  typeof body.after === 'string' ? body.after : undefined;

describe('a listing’s page', () => {
  it('reads the size and where the previous page stopped', () => {
    expect(readListingPage({}, after)).toEqual({ perPage: 30 });
    expect(
      readListingPage({ perPage: '5', nextPageToken: listingToken({ after: 'x' }) }, after),
    ).toEqual({ perPage: 5, after: 'x' });
  });

  it.each([
    [{ perPage: '0' }, '/perPage'],
    [{ perPage: '1001' }, '/perPage'],
    [{ perPage: ['1', '2'] }, '/perPage'],
    [{ nextPageToken: 'not-a-token' }, '/nextPageToken'],
    [{ nextPageToken: listingToken({ before: 'x' }) }, '/nextPageToken'],
    [{ EQ_bizStep: 'shipping' }, '/EQ_bizStep'],
  ])('refuses %j', (raw, pointer) => {
    expect(readListingPage(raw, after)).toEqual({
      problems: [expect.objectContaining({ pointer })],
    });
  });
});
