import fc from 'fast-check';
import { CurrencyError, currencyExponent, formatAmount, parseAmount } from './currency';

describe('currency amounts', () => {
  it.each([
    ['JPY', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
    ['USD', 2],
    ['EUR', 2],
    ['CNY', 2],
  ])('%s has %i decimals', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it.each([
    [123450n, 'USD', 'USD 1234.50'],
    [5n, 'USD', 'USD 0.05'],
    [0n, 'EUR', 'EUR 0.00'],
    [1234n, 'JPY', 'JPY 1234'],
    [-125n, 'KWD', 'KWD -0.125'],
    [10n ** 20n, 'USD', 'USD 1000000000000000000.00'],
  ])('formats %s %s as %s', (minor, currency, text) => {
    expect(formatAmount(minor, currency)).toBe(text);
  });

  it('parses decimal text without rounding', () => {
    expect(parseAmount('1234.5', 'USD')).toBe(123450n);
    expect(parseAmount('1234', 'JPY')).toBe(1234n);
    expect(parseAmount('-0.125', 'KWD')).toBe(-125n);
    expect(() => parseAmount('1.005', 'USD')).toThrow(/2 decimals/);
    expect(() => parseAmount('1.5', 'JPY')).toThrow(CurrencyError);
    expect(() => parseAmount('1e3', 'USD')).toThrow(CurrencyError);
  });

  it('rejects what is not an ISO 4217 code', () => {
    expect(() => currencyExponent('usd')).toThrow(CurrencyError);
    expect(() => formatAmount(1n, 'US')).toThrow(CurrencyError);
  });

  it('parse(format(x)) is x', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'), (minor, currency) => {
        const text = formatAmount(minor, currency).slice(4);
        expect(parseAmount(text, currency)).toBe(minor);
      }),
    );
  });
});
