import { attributeMatch } from './master-data-query';

describe('HASATTR_ and EQATTR_', () => {
  it('reads the field, the attribute and the values', () => {
    expect(attributeMatch('HASATTR_bizLocation', () => ['urn:epcglobal:cbv:mda#city'])).toEqual({
      field: 'bizLocation',
      attribute: 'urn:epcglobal:cbv:mda#city',
    });
    expect(
      attributeMatch('EQATTR_readPoint_urn:epcglobal:cbv:mda#city', () => ['A_B', 'C']),
    ).toEqual({
      field: 'readPoint',
      attribute: 'urn:epcglobal:cbv:mda#city',
      values: ['A_B', 'C'],
    });
  });

  it('leaves other parameters to their readers and says what is wrong with a malformed one', () => {
    expect(attributeMatch('MATCH_epc', () => ['x'])).toBeUndefined();
    expect(attributeMatch('HASATTR_bizStep', () => ['x'])).toMatch(/readPoint or bizLocation/);
    expect(attributeMatch('HASATTR_readPoint', () => ['a', 'b'])).toBe('must name one attribute');
    expect(attributeMatch('EQATTR_readPoint', () => ['x'])).toMatch(
      /EQATTR_readPoint_\{attribute\}/,
    );
    expect(attributeMatch('EQATTR_readPoint_a', () => [])).toBe('must give at least one value');
  });
});
