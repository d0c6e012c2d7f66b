/**
 * ISO 6346 container numbers: owner code (3 letters), equipment category
 * (U freight container, J detachable equipment, Z trailer or chassis),
 * 6-digit serial and a check digit. The check digit is checked on the ledger
 * too: it is cheap and pure, and a mistyped container would otherwise tie a
 * claim or a policy to somebody else's box.
 */
const CONTAINER_NUMBER = /^[A-Z]{3}[UJZ][0-9]{7}$/;

/** Letter values skip 11, 22 and 33, the multiples of the modulus. */
function characterValue(character: string): number {
  const code = character.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  const plain = code - 65 + 10;
  return plain + Math.floor((plain - 1) / 10);
}

/** The check digit of the first ten characters: Σ value × 2^position, mod 11, 10 read as 0. */
export function iso6346CheckDigit(firstTen: string): number {
  let sum = 0;
  for (let position = 0; position < 10; position++) {
    sum += characterValue(firstTen.charAt(position)) * 2 ** position;
  }
  return (sum % 11) % 10;
}

export function isContainerNumber(value: string): boolean {
  return (
    CONTAINER_NUMBER.test(value) &&
    iso6346CheckDigit(value.slice(0, 10)) === Number(value.charAt(10))
  );
}
