import { isValidLot } from './gs1-lot';

describe('GS1 lot (AI 10)', () => {
  it.each(['A', 'LOT(2026)-A', 'abc/DEF:1;2=3', '12345678901234567890', `!"%&'()*+,-./:;<=>?_`])(
    'accepts %p',
    (lot) => expect(isValidLot(lot)).toBe(true),
  );

  it.each(['', '123456789012345678901', 'LOT 1', 'LOT#1', 'LÖT', 'LOT\n'])('refuses %p', (lot) =>
    expect(isValidLot(lot)).toBe(false),
  );
});
