import { InvalidQueryDefinition, parseQueryDefinition, toRawQuery } from './query-definition';

describe('a named query definition', () => {
  it('reads GS1’s query schema form and gives the REST parameters of the same query', () => {
    const definition = parseQueryDefinition({
      name: 'myQuery',
      query: {
        eventType: ['ObjectEvent'],
        EQ_bizStep: ['shipping', 'receiving'],
        GE_eventTime: '2026-01-01T00:00:00Z',
        eventCountLimit: 5,
      },
    });
    expect(toRawQuery(definition.query)).toEqual({
      eventType: 'ObjectEvent',
      EQ_bizStep: 'shipping|receiving',
      GE_eventTime: '2026-01-01T00:00:00Z',
      eventCountLimit: '5',
    });
  });

  it.each([
    [{ name: 'x' }, '/query'],
    [{ name: 'has space', query: {} }, '/name'],
    [{ name: 'a/b', query: {} }, '/name'],
    [{ name: 'x', query: { EQ_bizStep: [] } }, '/query/EQ_bizStep'],
    [{ name: 'x', query: { EQ_bizStep: ['a|b'] } }, '/query/EQ_bizStep'],
    [{ name: 'x', query: { EQ_bizStep: 'a|b' } }, '/query/EQ_bizStep'],
    [{ name: 'x', query: { EQ_bizStep: { a: 1 } } }, '/query/EQ_bizStep'],
    [{ name: 'x', query: { nextPageToken: 't' } }, '/query/nextPageToken'],
    [{ name: 'x', query: {}, owner: 'me' }, '/owner'],
  ])('refuses %j at %s', (body, pointer) => {
    expect(() => parseQueryDefinition(body)).toThrow(InvalidQueryDefinition);
    try {
      parseQueryDefinition(body);
    } catch (error) {
      expect((error as InvalidQueryDefinition).problems.map((p) => p.pointer)).toContain(pointer);
    }
  });
});
