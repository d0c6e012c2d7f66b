import { isContainerNumber, iso6346CheckDigit } from './iso6346';
import { hasValidGs1CheckDigit, isLotDigitalLink } from './gs1-lot';

describe('ISO 6346 container numbers', () => {
  it.each([
    // CSQU3054383 is the worked example usually quoted for ISO 6346.
    ['CSQU3054383', 3],
    ['MSKU9070323', 3],
    ['TGHU7761098', 8],
    ['HLXU1234561', 1],
  ])('accepts %s (check digit %i)', (number, digit) => {
    expect(iso6346CheckDigit(number.slice(0, 10))).toBe(digit);
    expect(isContainerNumber(number)).toBe(true);
  });

  it('reads a remainder of 10 as check digit 0', () => {
    // C 13·1 + S 30·2 + Q 28·4 + U 32·8 + 7·512 = 4025 = 365 × 11 + 10.
    expect(iso6346CheckDigit('CSQU000007')).toBe(0);
    expect(isContainerNumber('CSQU0000070')).toBe(true);
  });

  it.each([
    ['CSQU3054384', 'a wrong check digit'],
    ['MSKU9070320', 'a wrong check digit'],
    ['csqu3054383', 'lower case'],
    ['CSQX3054383', 'an equipment category other than U, J or Z'],
    ['CSQU305438', 'ten characters'],
    ['CSQU30543833', 'twelve characters'],
    ['CSQ U3054383', 'a space'],
  ])('refuses %s (%s)', (number) => {
    expect(isContainerNumber(number)).toBe(false);
  });
});

describe('GS1 Digital Link lots', () => {
  it('checks the GTIN-14 check digit', () => {
    expect(hasValidGs1CheckDigit('04012345123456')).toBe(true);
    expect(hasValidGs1CheckDigit('09506000134352')).toBe(true);
    expect(hasValidGs1CheckDigit('09506000134353')).toBe(false);
  });

  it.each([
    'https://id.gs1.org/01/04012345123456/10/Lot987',
    'https://resolver.example.com/dl/01/09506000134352/10/ABC%2F1',
  ])('accepts %s', (uri) => {
    expect(isLotDigitalLink(uri)).toBe(true);
  });

  it.each([
    'https://id.gs1.org/01/04012345123457/10/Lot987',
    'https://id.gs1.org/01/4012345123456/10/Lot987',
    'https://id.gs1.org/01/04012345123456',
    'https://id.gs1.org/01/04012345123456/10/Lot987?17=261231',
    'https://id.gs1.org/01/04012345123456/10/Lot 987',
    'urn:epc:class:lgtin:4012345.012345.Lot987',
    'ftp://id.gs1.org/01/04012345123456/10/Lot987',
  ])('refuses %s', (uri) => {
    expect(isLotDigitalLink(uri)).toBe(false);
  });
});
