import { EventQuery, EventQueryError, parseEventQuery, QueryVocabulary } from './event-query';
import { IdentifierRole } from './identifier-role';
import { decodePageToken, encodePageToken } from './page-token';

const vocabulary: QueryVocabulary = {
  identifier: (v) => `id:${v}`,
  bizStep: (v) => `step:${v}`,
  disposition: (v) => `disp:${v}`,
  location: (v) => `loc:${v}`,
};

function problemsOf(raw: Record<string, string | string[]>): string[] {
  try {
    parseEventQuery(raw, vocabulary);
  } catch (error) {
    if (error instanceof EventQueryError) return error.problems.map((p) => p.pointer);
    throw error;
  }
  return [];
}

describe('parseEventQuery', () => {
  it('reads every supported parameter, normalising values through the vocabulary', () => {
    const query = parseEventQuery(
      {
        eventType: 'ObjectEvent|AggregationEvent',
        GE_eventTime: '2026-01-01T00:00:00Z',
        LT_eventTime: '2026-02-01T00:00:00+01:00',
        GE_recordTime: '2026-01-01T00:00:00.5Z',
        EQ_action: 'ADD|OBSERVE',
        EQ_bizStep: 'shipping',
        EQ_disposition: 'in_transit',
        WD_readPoint: 'urn:epc:id:sgln:0614141.00777.0',
        EQ_bizLocation: 'urn:x',
        MATCH_epc: 'urn:a|urn:b',
        MATCH_anyEPCClass: 'urn:c',
        EQ_eventID: 'ni:///sha-256;ab?ver=CBV2.0',
        orderBy: 'recordTime',
        orderDirection: 'ASC',
        eventCountLimit: '50',
        perPage: '10',
      },
      vocabulary,
    );
    expect(query).toMatchObject({
      eventTypes: ['ObjectEvent', 'AggregationEvent'],
      eventTime: {
        gte: new Date('2026-01-01T00:00:00Z'),
        lt: new Date('2026-01-31T23:00:00Z'),
      },
      actions: ['ADD', 'OBSERVE'],
      bizSteps: ['step:shipping'],
      dispositions: ['disp:in_transit'],
      readPoints: [{ values: ['loc:urn:epc:id:sgln:0614141.00777.0'], withDescendants: true }],
      bizLocations: [{ values: ['loc:urn:x'], withDescendants: false }],
      identifiers: [
        { roles: [IdentifierRole.epc, IdentifierRole.child], values: ['id:urn:a', 'id:urn:b'] },
        { values: ['id:urn:c'] },
      ],
      eventIDs: ['ni:///sha-256;ab?ver=CBV2.0'],
      orderBy: 'recordTime',
      orderDirection: 'ASC',
      eventCountLimit: 50,
      perPage: 10,
    });
  });

  it('defaults to the newest 30 events by event time', () => {
    expect(parseEventQuery({}, vocabulary)).toMatchObject({
      orderBy: 'eventTime',
      orderDirection: 'DESC',
      perPage: 30,
    });
  });

  it.each([
    [{ EQ_bizstep: 'shipping' }, '/EQ_bizstep'],
    [{ eventType: 'ObjectEvent|PartyEvent' }, '/eventType'],
    [{ GE_eventTime: '2026-01-01' }, '/GE_eventTime'],
    [{ LT_recordTime: '2026-13-45T00:00:00Z' }, '/LT_recordTime'],
    [{ EQ_action: 'REMOVE' }, '/EQ_action'],
    [{ orderBy: 'bizStep' }, '/orderBy'],
    [{ orderDirection: 'up' }, '/orderDirection'],
    [{ eventCountLimit: '0' }, '/eventCountLimit'],
    [{ perPage: '1001' }, '/perPage'],
    [{ MATCH_epc: ['a', 'b'] }, '/MATCH_epc'],
  ])('refuses %j at %s', (raw, pointer) => {
    expect(problemsOf(raw)).toEqual([pointer]);
  });

  it('reports every bad parameter at once', () => {
    expect(problemsOf({ perPage: 'x', orderBy: 'y' }).sort()).toEqual(['/orderBy', '/perPage']);
  });
});

describe('page tokens', () => {
  const query = (raw: Record<string, string>): EventQuery => parseEventQuery(raw, vocabulary);
  const cursor = { sortKey: '2026-01-01T00:00:00.000Z', seq: '42', delivered: 30 };

  it('round-trips for the same filters, whatever the page size', () => {
    const token = encodePageToken(query({ EQ_bizStep: 'shipping', perPage: '30' }), cursor);
    expect(decodePageToken(query({ EQ_bizStep: 'shipping', perPage: '5' }), token)).toEqual(cursor);
  });

  it('is refused with other filters, and when it is not a token of ours', () => {
    const token = encodePageToken(query({ EQ_bizStep: 'shipping' }), cursor);
    expect(decodePageToken(query({ EQ_bizStep: 'receiving' }), token)).toBeUndefined();
    expect(decodePageToken(query({}), 'not-a-token')).toBeUndefined();
    const forged = Buffer.from(JSON.stringify({ ...cursor, seq: '1; DROP', query: 'x' }));
    expect(decodePageToken(query({}), forged.toString('base64url'))).toBeUndefined();
  });
});
