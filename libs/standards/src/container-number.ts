/**
 * Freight container numbers under ISO 6346: owner code (3 letters), equipment category
 * (U freight container, J detachable equipment, Z trailer/chassis), 6-digit serial number and
 * a check digit over the first ten characters.
 */
export type EquipmentCategory = 'U' | 'J' | 'Z';

export interface ContainerNumber {
  /** The normalised 11 characters, e.g. 'CSQU3054383'. */
  readonly value: string;
  readonly ownerCode: string;
  readonly category: EquipmentCategory;
  readonly serialNumber: string;
  readonly checkDigit: number;
}

export class ContainerNumberError extends Error {
  override readonly name = 'ContainerNumberError';
}

const SHAPE = /^([A-Z]{3})([UJZ])(\d{6})(\d)$/;

/**
 * ISO 6346 letter values: A=10 upwards, skipping 11, 22 and 33 (a multiple of 11 would weigh
 * the same as 0 in the mod-11 sum).
 */
// prettier-ignore
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 10, B: 12, C: 13, D: 14, E: 15, F: 16, G: 17, H: 18, I: 19, J: 20, K: 21, L: 23, M: 24,
  N: 25, O: 26, P: 27, Q: 28, R: 29, S: 30, T: 31, U: 32, V: 34, W: 35, X: 36, Y: 37, Z: 38,
};

function charValue(char: string): number {
  return /\d/.test(char) ? Number(char) : LETTER_VALUES[char];
}

/** Upper-cases and removes whitespace, as numbers are painted ('CSQU 305438 3'). */
export function normaliseContainerNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * The check digit of the first ten characters: each value weighted 2^position, sum mod 11,
 * then mod 10 (a remainder of 10 gives 0; ISO 6346 advises owners not to issue such serials).
 */
export function containerCheckDigit(firstTen: string): number {
  const chars = normaliseContainerNumber(firstTen);
  if (!/^[A-Z]{4}\d{6}$/.test(chars)) {
    throw new ContainerNumberError(`'${firstTen}' is not an owner code, category and serial`);
  }
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += charValue(chars[i]) * 2 ** i;
  return (sum % 11) % 10;
}

/** Parses a container number, throwing ContainerNumberError with what is wrong. */
export function parseContainerNumber(input: string): ContainerNumber {
  const value = normaliseContainerNumber(input);
  const match = SHAPE.exec(value);
  if (!match) {
    throw new ContainerNumberError(
      `'${input}' is not an ISO 6346 container number (3 letters, U/J/Z, 6 digits, check digit)`,
    );
  }
  const [, ownerCode, category, serialNumber, check] = match;
  const expected = containerCheckDigit(value.slice(0, 10));
  if (Number(check) !== expected) {
    throw new ContainerNumberError(`'${input}' has check digit ${check}, expected ${expected}`);
  }
  return {
    value,
    ownerCode,
    category: category as EquipmentCategory,
    serialNumber,
    checkDigit: expected,
  };
}

export function isValidContainerNumber(input: string): boolean {
  try {
    parseContainerNumber(input);
    return true;
  } catch (error) {
    if (error instanceof ContainerNumberError) return false;
    throw error;
  }
}

/**
 * A valid number already in its normalised form, as the ledger records it: accepting
 * 'csqu 305438 3' there would give one box two keys.
 */
export function isNormalisedContainerNumber(value: string): boolean {
  return value === normaliseContainerNumber(value) && isValidContainerNumber(value);
}
