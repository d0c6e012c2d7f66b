import { cbvSpellings } from './document-filters';
import { EventQueryError, QueryVocabulary, parseEventQuery } from './event-query';
import { IdentifierRole } from './identifier-role';
import { indexEvent, storedIdentifiers } from './indexed-event';

const vocabulary: QueryVocabulary = {
  identifier: (v) => `id:${v}`,
  bizStep: (v) => v,
  disposition: (v) => v,
  location: (v) => v,
};

const parse = (raw: Record<string, string>) => parseEventQuery(raw, vocabulary);
const problems = (raw: Record<string, string>) => {
  try {
    parse(raw);
    return [];
  } catch (error) {
    if (error instanceof EventQueryError) return error.problems.map((p) => p.pointer);
    throw error;
  }
};

describe('the query parameters of EPCIS 2.0 beyond the indexed columns', () => {
  it('reads an EPC ID pattern as a pattern, beside plain identifiers', () => {
    const [match] = parse({
      MATCH_epc: 'urn:epc:idpat:sgtin:4012345.044444.*|urn:epc:id:sgtin:4012345.044444.7',
    }).identifiers;
    expect(match.values).toEqual(['id:urn:epc:id:sgtin:4012345.044444.7']);
    expect(match.patterns).toEqual([
      {
        prefix: 'https://id.gs1.org/01/04012345444445',
        regex: '^https://id\\.gs1\\.org/01/04012345444445(/|$)',
      },
    ]);
  });

  it('refuses a pattern TDS does not allow rather than matching nothing', () => {
    expect(problems({ MATCH_anyEPC: 'urn:epc:idpat:sgtin:4012345.*.7' })).toEqual([
      '/MATCH_anyEPC',
    ]);
  });

  it('looks a typed source, destination or transaction up under its type’s CBV URI', () => {
    const query = parse({
      EQ_source_owning_party: 'urn:epc:id:pgln:4012345.00001',
      EQ_bizTransaction_po: 'urn:epcglobal:cbv:bt:4012345000009:PO1',
    });
    expect(query.identifiers).toEqual([
      {
        roles: ['source:https://ref.gs1.org/cbv/SDT-owning_party'],
        values: ['id:urn:epc:id:pgln:4012345.00001'],
        patterns: [],
      },
      {
        roles: ['biz-transaction:https://ref.gs1.org/cbv/BTT-po'],
        values: ['urn:epcglobal:cbv:bt:4012345000009:PO1'],
        patterns: [],
      },
    ]);
  });

  it('indexes the same typed entries at capture, so both sides agree', () => {
    const indexed = indexEvent(
      {
        type: 'ObjectEvent',
        eventTime: '2026-01-01T00:00:00Z',
        sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:4012345.00001' }],
        destinationList: [{ destination: 'urn:epc:id:sgln:4012345.00001.0' }],
        bizTransactionList: [{ type: 'urn:epcglobal:cbv:btt:po', bizTransaction: 'urn:x:PO1' }],
      },
      vocabulary,
    );
    expect(indexed.typedIdentifiers).toEqual([
      {
        role: 'source:https://ref.gs1.org/cbv/SDT-owning_party',
        identifier: 'id:urn:epc:id:pgln:4012345.00001',
      },
      { role: 'biz-transaction:https://ref.gs1.org/cbv/BTT-po', identifier: 'urn:x:PO1' },
    ]);
    // The untyped roles are unchanged, for MATCH_, trace and visibility.
    expect(indexed.identifiers.map((i) => i.role)).toEqual([
      IdentifierRole.source,
      IdentifierRole.destination,
      IdentifierRole.bizTransaction,
    ]);
    // The repository (and every bench loader) stores both: untyped, then typed.
    expect(storedIdentifiers(indexed).map((i) => i.role)).toEqual([
      IdentifierRole.source,
      IdentifierRole.destination,
      IdentifierRole.bizTransaction,
      'source:https://ref.gs1.org/cbv/SDT-owning_party',
      'biz-transaction:https://ref.gs1.org/cbv/BTT-po',
    ]);
  });

  it('puts the caller’s values in variables, never in the JSON path', () => {
    const [type, value, quantity] = parse({
      EQ_type: 'Temperature',
      GE_value_CEL: '4.5',
      LT_quantity_KGM: '10',
    }).documentFilters;
    expect(type).toEqual({
      kind: 'path',
      path: '$.sensorElementList[*] ? (@.sensorReport[*].type == $v[*])',
      vars: {
        v: ['Temperature', 'gs1:Temperature', 'https://gs1.org/voc/Temperature'],
      },
    });
    expect(value).toEqual({
      kind: 'path',
      path:
        '$.sensorElementList[*].sensorReport[*] ? ((@.uom == $u0 && @.value >= $n0) || ' +
        '(@.uom == $u1 && @.value >= $n1) || (@.uom == $u2 && @.value >= $n2) || ' +
        '(@.uom == $u3 && @.value >= $n3))',
      vars: {
        u0: 'CEL',
        n0: 4.5,
        u1: 'KEL',
        n1: 277.65,
        u2: 'FAH',
        n2: 40.1,
        u3: 'A48',
        n3: 499.77,
      },
    });
    expect(quantity).toMatchObject({ vars: { n0: 10, u0: 'KGM', u1: 'GRM', n1: 10_000 } });
  });

  it('reads sensor times as instants and EXISTS_ as a flag', () => {
    const query = parse({
      GE_time: '2026-01-01T01:00:00+01:00',
      EXISTS_errorDeclaration: 'true',
      EXISTS_sensorElementList: 'false',
      'EXISTS_example:grade': '',
    });
    expect(query.documentFilters).toEqual([
      {
        kind: 'time',
        path: [
          '$.sensorElementList[*].sensorMetadata.time',
          '$.sensorElementList[*].sensorReport[*].time',
        ],
        gte: new Date('2026-01-01T00:00:00Z'),
      },
      { kind: 'path', path: '$.errorDeclaration', vars: {} },
      { kind: 'path', path: '$."example:grade"', vars: {} },
    ]);
  });

  it.each([
    ['GE_value', '3'], // a value needs its unit
    ['GE_value_CEL', 'warm'],
    ['GE_value_celsius', '3'],
    ['EQ_booleanValue', 'yes'],
    ['EXISTS_errorDeclaration', '1'],
    ['EXISTS_example:gr"ade', ''],
    ['GE_time', 'yesterday'],
    ['EQ_type', ''],
    ['eventType', ''],
    ['EQ_source_', 'x'],
    ['EQ_eventID', 'not a URI'],
    ['EQ_deviceID', ':'],
    ['MATCH_epc', 'urn:epc:id:sgtin:é'],
  ])('refuses %s=%s', (name, value) => {
    expect(problems({ [name]: value })).toEqual([`/${name}`]);
  });

  it('refuses eventCountLimit with maxEventCount', () => {
    expect(problems({ eventCountLimit: '1', maxEventCount: '2' })).toEqual(['/maxEventCount']);
  });

  it('spells a CBV value every way the capture accepts it', () => {
    expect(cbvSpellings('incorrect_data', 'ER')).toEqual([
      'incorrect_data',
      'https://ref.gs1.org/cbv/ER-incorrect_data',
      'urn:epcglobal:cbv:er:incorrect_data',
      'cbv:ER-incorrect_data',
    ]);
  });
});
