/**
 * IMO ship identification numbers (SOLAS XI-1/3, IMO Resolution A.1117(30)):
 * seven digits, the last a check digit. Each of the first six digits is
 * multiplied by its weight, 7 down to 2; the last digit of the sum is the
 * check digit. Written with or without the `IMO` prefix; stored as the seven
 * digits alone.
 */
const IMO_NUMBER = /^(?:IMO ?)?(\d{7})$/;
const WEIGHTS = [7, 6, 5, 4, 3, 2] as const;

/** The check digit of the first six digits of an IMO number. */
export function imoCheckDigit(firstSix: string): number {
  if (!/^\d{6}$/.test(firstSix))
    throw new RangeError('an IMO number has six digits before its check digit');
  return WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(firstSix[i]), 0) % 10;
}

/** The seven digits of a well-formed IMO number with a valid check digit, or undefined. */
export function parseImoNumber(raw: string): string | undefined {
  const digits = IMO_NUMBER.exec(raw)?.[1];
  if (digits === undefined) return undefined;
  return imoCheckDigit(digits.slice(0, 6)) === Number(digits[6]) ? digits : undefined;
}

export function isValidImoNumber(raw: string): boolean {
  return parseImoNumber(raw) !== undefined;
}
