import { isLotDigitalLink } from './gs1-lot';

describe('GS1 Digital Link lots', () => {
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
