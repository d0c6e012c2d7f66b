import { bizStepOf, bizTransactionsOf } from './epcis-facts';

export interface SurrenderedDocument {
  transportDocumentReference: string;
  platform: string;
  surrenderedAt: string;
}

export interface UndeliveredSurrender extends SurrenderedDocument {
  overdueSeconds: number;
}

/** CBV steps at which goods reach their consignee. */
const DELIVERY_STEPS = new Set(['receiving', 'accepting']);

/**
 * The bills of lading a captured event delivers against: a receiving or
 * accepting event naming the document as a `bol` business transaction.
 */
export function deliveredBillsOfLading(event: Record<string, unknown>): string[] {
  const step = bizStepOf(event);
  if (step === undefined || !DELIVERY_STEPS.has(step)) return [];
  return bizTransactionsOf(event)
    .filter((transaction) => transaction.type === 'bol')
    .map((transaction) => transaction.id);
}

/**
 * eBLs surrendered for delivery with no delivery event naming them once
 * `graceSeconds` have passed: the carrier took the document back, yet
 * nobody recorded handing over the goods.
 */
export function surrenderedWithoutDelivery(
  surrendered: readonly SurrenderedDocument[],
  delivered: ReadonlySet<string>,
  now: Date,
  graceSeconds: number,
): UndeliveredSurrender[] {
  return surrendered.flatMap((document) => {
    const overdueSeconds =
      Math.floor((now.getTime() - Date.parse(document.surrenderedAt)) / 1000) - graceSeconds;
    if (overdueSeconds <= 0 || delivered.has(document.transportDocumentReference)) return [];
    return [{ ...document, overdueSeconds }];
  });
}
