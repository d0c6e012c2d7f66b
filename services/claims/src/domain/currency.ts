/**
 * Money is a bigint count of a currency's minor units; the ISO 4217 exponent says how many
 * digits of it lie after the decimal point. Amounts are never held as floating point.
 */

/** ISO 4217 currencies whose minor unit is not 2 (list one, "minor unit" column). */
// prettier-ignore
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

export class CurrencyError extends RangeError {
  override readonly name = 'CurrencyError';
}

function checkCode(currency: string): void {
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new CurrencyError(`'${currency}' is not an ISO 4217 code`);
  }
}

/** Digits after the decimal point: JPY 0, KWD 3, most currencies 2. */
export function currencyExponent(currency: string): number {
  checkCode(currency);
  return Object.prototype.hasOwnProperty.call(EXPONENTS, currency) ? EXPONENTS[currency] : 2;
}

/** 'USD 1234.50', 'JPY 1234', 'KWD -0.125': locale-free, for claim files and logs. */
export function formatAmount(minor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${currency} ${minor < 0n ? '-' : ''}${whole}${fraction}`;
}

/**
 * A decimal amount as minor units: '1234.5' USD is 123450n. More fraction digits than the
 * currency has is an error, not a rounding.
 */
export function parseAmount(text: string, currency: string): bigint {
  const exponent = currencyExponent(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new CurrencyError(`'${text}' is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) {
    throw new CurrencyError(`${currency} has ${exponent} decimals, '${text}' has more`);
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  return sign === '-' ? -minor : minor;
}
