import { foreignElements, keyDigits, readVocabularyList } from './master-data';

describe('master data', () => {
  it('reads a vocabulary list with ids in the spelling events are stored in', () => {
    const { elements, problems } = readVocabularyList(
      {
        vocabularyList: [
          {
            type: 'urn:epcglobal:epcis:vtype:BusinessLocation',
            vocabularyElementList: [
              {
                id: 'urn:epc:id:sgln:4012345.00001.0',
                attributes: [{ id: 'urn:epcglobal:cbv:mda#name', attribute: 'Garden' }],
                children: ['https://id.gs1.org/414/4012345000023'],
              },
            ],
          },
        ],
      },
      '',
    );
    expect(problems).toEqual([]);
    expect(elements).toEqual([
      {
        id: 'https://id.gs1.org/414/4012345000016',
        vocabularyType: 'urn:epcglobal:epcis:vtype:BusinessLocation',
        attributes: { 'urn:epcglobal:cbv:mda#name': 'Garden' },
        children: ['https://id.gs1.org/414/4012345000023'],
      },
    ]);
  });

  it('points at every malformed member', () => {
    const { problems } = readVocabularyList(
      { vocabularyList: [{}, { type: 't', vocabularyElementList: [{ id: 'x', children: [1] }] }] },
      '/epcisHeader/epcisMasterData',
    );
    expect(problems.map((p) => p.pointer)).toEqual([
      '/epcisHeader/epcisMasterData/vocabularyList/0/type',
      '/epcisHeader/epcisMasterData/vocabularyList/1/vocabularyElementList/0/children',
    ]);
    expect(readVocabularyList([], '').problems).toHaveLength(1);
    const nulls = readVocabularyList(
      { vocabularyList: [{ type: 't', vocabularyElementList: null }] },
      '',
    );
    expect(nulls.problems).toEqual([
      { pointer: '/vocabularyList/0/vocabularyElementList', detail: 'must be an array' },
    ]);
  });

  it('finds the company prefix digits of a GTIN, GLN, PGLN and SSCC', () => {
    expect(keyDigits('https://id.gs1.org/01/04012345123456')).toBe('4012345123456');
    expect(keyDigits('https://id.gs1.org/414/4012345000016')).toBe('4012345000016');
    expect(keyDigits('https://id.gs1.org/417/4012345000009')).toBe('4012345000009');
    expect(keyDigits('https://id.gs1.org/00/340123450000000017')).toBe('40123450000000017');
    expect(keyDigits('urn:example:thing')).toBeUndefined();
  });

  it('lets an organisation describe only keys under its own company prefixes', () => {
    const element = (id: string) => ({ id, vocabularyType: 't', attributes: {}, children: [] });
    const mine = element('https://id.gs1.org/01/04012345123456');
    const theirs = element('https://id.gs1.org/414/0614141000012');
    const nobodys = element('urn:example:thing');
    expect(foreignElements([mine], ['4012345'])).toEqual([]);
    expect(foreignElements([mine, theirs, nobodys], ['4012345']).map((f) => f.id)).toEqual([
      theirs.id,
      nobodys.id,
    ]);
    expect(foreignElements([mine], [])).toHaveLength(1);
  });
});
