import { containerCheckDigit } from '@pujiang/standards';

/**
 * A random valid ISO 6346 container number under `ownerPrefix` (owner code and category
 * letter, e.g. `PJCU`). Each story passes its own prefix, so two stories sharing the ledger
 * never draw the same container.
 */
export function containerNumber(ownerPrefix: string): string {
  const firstTen = `${ownerPrefix}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return `${firstTen}${containerCheckDigit(firstTen)}`;
}
