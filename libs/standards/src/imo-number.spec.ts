import fc from 'fast-check';
import { imoCheckDigit, isValidImoNumber, parseImoNumber } from './imo-number';

describe('IMO ship identification numbers', () => {
  // Real ships' IMO numbers, as painted on their hulls and listed in IHS/Equasis.
  it.each([
    ['9811000', 'Ever Given'],
    ['9321483', 'Emma Mærsk'],
    ['9703291', 'MSC Oscar'],
    ['9241061', 'Queen Mary 2'],
    ['9074729', "IMO Resolution A.1117(30)'s example"],
  ])('accepts %s (%s)', (imo) => {
    expect(isValidImoNumber(imo)).toBe(true);
    expect(parseImoNumber(`IMO ${imo}`)).toBe(imo);
    expect(parseImoNumber(`IMO${imo}`)).toBe(imo);
  });

  it.each([
    '9811001',
    '9321484',
    '981100',
    '98110000',
    'IMO-9811000',
    ' 9811000',
    'imo 9811000',
    '９８１１０００',
  ])('refuses %s', (raw) => {
    expect(isValidImoNumber(raw)).toBe(false);
  });

  it('accepts exactly one check digit for every six-digit stem', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), (stem) => {
        const valid = [...'0123456789'].filter((d) => isValidImoNumber(stem + d));
        expect(valid).toEqual([String(imoCheckDigit(stem))]);
      }),
    );
  });

  it('refuses a stem that is not six digits', () => {
    expect(() => imoCheckDigit('12345')).toThrow(RangeError);
  });
});
