/**
 * A batch or lot number, GS1 Application Identifier (10): 1 to 20 characters
 * of GS1 AI encodable character set 82, as a value (not percent-encoded).
 * The ledger and the services check lots alike.
 */
export const GS1_LOT_PATTERN = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

export function isValidLot(lot: string): boolean {
  return GS1_LOT_PATTERN.test(lot);
}
