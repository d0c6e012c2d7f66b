/**
 * GS1 standard check digit (GS1 General Specifications 7.9.1), shared by GTIN, GLN, SSCC,
 * GSRN, GSIN, GDTI, GCN and GRAI: weights 3,1,3,… from the rightmost digit of the payload.
 */
export function gs1CheckDigit(payload: string): number {
  if (!/^\d+$/.test(payload)) throw new RangeError(`not a string of digits: '${payload}'`);
  let sum = 0;
  for (let i = payload.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += Number(payload[i]) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of a digit string is the GS1 check digit of the others. */
export function hasValidCheckDigit(key: string): boolean {
  if (!/^\d{2,}$/.test(key)) return false;
  return gs1CheckDigit(key.slice(0, -1)) === Number(key[key.length - 1]);
}

/** GTIN-8, -12, -13 or -14 with a valid check digit. */
export function isValidGtin(gtin: string): boolean {
  return /^(\d{8}|\d{12,14})$/.test(gtin) && hasValidCheckDigit(gtin);
}

/** Any GTIN left-padded with zeros to the 14 digits Digital Link and EPCIS use. */
export function toGtin14(gtin: string): string {
  if (!/^(\d{8}|\d{12,14})$/.test(gtin)) throw new RangeError(`not a GTIN: '${gtin}'`);
  return gtin.padStart(14, '0');
}
