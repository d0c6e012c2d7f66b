/**
 * What a bearer token may do with traceability data. The organisation and
 * party a token names are the author of what it captures and the viewer of
 * what it reads; a role only opens the door.
 */
export const TraceRole = {
  /** POST /capture, POST /events, GET /capture/{id}. */
  capture: 'trace:capture',
  /** GET /events, /events/{eventID}, /events/{eventID}/proof. */
  query: 'trace:query',
  /** GET /trace, /recall, /fsma-204. */
  trace: 'trace:trace',
  /** Grants of read access to the organisation's events, and publishing. */
  share: 'trace:share',
} as const;
