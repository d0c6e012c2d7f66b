import { childPath, pointerToJsonPath } from './json-path';

describe('pointerToJsonPath', () => {
  it('turns the root pointer into $', () => {
    expect(pointerToJsonPath('', { a: 1 })).toBe('$');
  });

  it('writes array indexes in brackets and properties with dots', () => {
    const document = { consignmentItems: [{ cargoItems: [{}, { outerPackaging: {} }] }] };
    expect(
      pointerToJsonPath(
        '/consignmentItems/0/cargoItems/1/outerPackaging/numberOfPackages',
        document,
      ),
    ).toBe('$.consignmentItems[0].cargoItems[1].outerPackaging.numberOfPackages');
  });

  it('reads a numeric segment of an object as a property name, not an index', () => {
    expect(pointerToJsonPath('/codes/0', { codes: { '0': 'x' } })).toBe("$.codes['0']");
  });

  it('decodes ~1 and ~0, and quotes names that are not identifiers', () => {
    expect(pointerToJsonPath("/a~1b/c~0d/it's", {})).toBe("$['a/b']['c~d']['it\\'s']");
  });

  it('keeps DCSA names such as HSCodes and UNLocationCode as they are', () => {
    expect(childPath('$.consignmentItems[0]', 'HSCodes')).toBe('$.consignmentItems[0].HSCodes');
    expect(childPath('$', 'UNLocationCode')).toBe('$.UNLocationCode');
  });
});
