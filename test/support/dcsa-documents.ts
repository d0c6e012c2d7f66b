import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devPartyCode } from '../../scripts/stack/dev-parties';
import { REPO_ROOT } from './stack-env';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TEMPLATE = join(
  REPO_ROOT,
  'test',
  'fixtures',
  'dcsa',
  'messages',
  'eblissuance-v3.0.0-request.json',
);

/** Every DCSA placeholder string of the template, turned into a plausible value. */
function fill(value: Json, key = ''): Json {
  if (Array.isArray(value)) return value.map((item) => fill(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, k)]));
  }
  if (typeof value !== 'string' || !/PLACEHOLDER|_CODE_LIST_PROVIDER$/.test(value)) return value;
  if (key === 'codeListProvider') return 'ZZZ';
  if (key === 'codeListName') return 'Pujiang test parties';
  return value
    .replace(/_PLACEHOLDER$/, '')
    .replace(/_/g, ' ')
    .slice(0, 35)
    .trim();
}

export interface IssuanceRequestOptions {
  reference: string;
  isToOrder: boolean;
  carrierCode: string;
  platformCode: string;
  /** The directory id of the party to issue to, e.g. `shipper`. */
  issueTo: string;
  issueToName: string;
  /**
   * A to-order bill without the template's consignee (to the order of the shipper, endorsed
   * in blank). DCSA's framework refuses a consignee on any to-order bill (its eBL check
   * "documentParties match the eBL type"); the published schema only makes the consignee
   * mandatory on a straight bill, so the other tests keep it.
   */
  withoutConsignee?: boolean;
  /** The carrier's rendering of the bill, issued with it (ISS `eBLVisualisationByCarrier`). */
  visualisation?: { name: string; content: string; contentType: string };
}

/** DCSA's issuance request template, filled in for a carrier and a party of a local platform; unsigned. */
export function issuanceRequest(options: IssuanceRequestOptions): {
  document: Record<string, Json>;
  issueTo: Record<string, Json>;
  eBLVisualisationByCarrier?: Record<string, Json>;
} {
  const template = fill(JSON.parse(readFileSync(TEMPLATE, 'utf8')) as Json) as {
    document: Record<string, Json>;
  };
  const partiesWithoutConsignee = Object.fromEntries(
    Object.entries((template.document.documentParties ?? {}) as Record<string, Json>).filter(
      ([role]) => role !== 'consignee',
    ),
  );
  const document = {
    ...template.document,
    ...(options.withoutConsignee === true ? { documentParties: partiesWithoutConsignee } : {}),
    transportDocumentReference: options.reference,
    shippingInstructionsReference: `SI-${options.reference}`,
    isToOrder: options.isToOrder,
    carrierCode: options.carrierCode,
    carrierCodeListProvider: 'NMFTA',
  };
  const issueTo = {
    partyName: options.issueToName,
    sendToPlatform: options.platformCode,
    identifyingCodes: [devPartyCode(options.platformCode, options.issueTo)],
  };
  return {
    document,
    issueTo,
    ...(options.visualisation === undefined
      ? {}
      : { eBLVisualisationByCarrier: options.visualisation }),
  };
}
