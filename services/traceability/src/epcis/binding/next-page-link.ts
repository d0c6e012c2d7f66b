/** The binding's `Link: <…>; rel="next"`: this request again, with the next page's token. */
export function nextPageLink(requestUrl: string, token: string): string {
  const next = new URL(requestUrl, 'http://placeholder');
  next.searchParams.set('nextPageToken', token);
  return `<${next.pathname}${next.search}>; rel="next"`;
}
