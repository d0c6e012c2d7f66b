import { canonicalIdentifier } from '@pujiang/epcis';
import { MasterDataElement } from './master-data';

/**
 * The attributes the consumer page reads, by the ids a sender may use for
 * them: CBV 2.0 master data attributes (`urn:epcglobal:cbv:mda#…`) and GS1
 * Web Vocabulary terms. CBV has no term for a place's time zone or its
 * operator, so those two are ours (decision 0021).
 */
export const MDA = 'urn:epcglobal:cbv:mda#';
export const GS1 = 'https://gs1.org/voc/';
export const PUJIANG_MDA = 'urn:pujiang:mda#';

const TERMS = {
  name: [
    `${MDA}name`,
    `${GS1}productName`,
    `${GS1}name`,
    `${GS1}organizationName`,
    `${MDA}descriptionShort`,
  ],
  brand: [`${GS1}brand`, `${GS1}brandName`],
  image: [`${GS1}image`, `${GS1}referencedFileURL`],
  netContent: [`${GS1}netContent`, `${MDA}netContent`],
  certification: [`${GS1}certificationInfo`, `${GS1}certification`],
  street: [`${MDA}streetAddressOne`, `${GS1}streetAddress`],
  city: [`${MDA}city`, `${GS1}addressLocality`],
  country: [`${MDA}countryCode`, `${GS1}addressCountry`],
  latitude: [`${MDA}latitude`, `${GS1}latitude`],
  longitude: [`${MDA}longitude`, `${GS1}longitude`],
  timeZone: [`${PUJIANG_MDA}timeZone`],
  operator: [`${PUJIANG_MDA}operator`],
} as const;

export interface TradeItem {
  name?: string;
  brand?: string;
  image?: string;
  netContent?: string;
  certifications: string[];
}

export interface Place {
  name?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  /** An IANA zone name Intl knows, such as Asia/Shanghai. */
  timeZone?: string;
  /** The id of the party (PGLN) that runs the place. */
  operator?: string;
}

const first = (element: MasterDataElement | undefined, ids: readonly string[]): unknown =>
  ids.map((id) => element?.attributes[id]).find((value) => value !== undefined && value !== null);

/** A text value; GS1 Web Vocabulary language-tagged values (`{ "@value" }`) and `{ value, unitCode }` read too. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    const amount = text(v.value);
    if (amount !== undefined && typeof v.unitCode === 'string') return `${amount} ${v.unitCode}`;
    return text(v['@value']) ?? amount ?? text(v.brandName) ?? text(v.name);
  }
  return undefined;
}

function coordinate(value: unknown, limit: number): number | undefined {
  const n = typeof value === 'number' ? value : Number(text(value));
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

function timeZone(value: unknown): string | undefined {
  const zone = text(value);
  if (zone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

function certifications(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((item) => {
    if (typeof item === 'object' && item !== null) {
      const c = item as Record<string, unknown>;
      const standard = text(c.certificationStandard);
      const agency = text(c.certificationAgency);
      if (standard !== undefined)
        return [agency === undefined ? standard : `${standard} (${agency})`];
    }
    const plain = text(item);
    return plain === undefined ? [] : [plain];
  });
}

const optional = <T, U>(value: T | undefined, f: (v: T) => U): U | undefined =>
  value === undefined ? undefined : f(value);

export function tradeItem(element: MasterDataElement | undefined): TradeItem {
  return {
    name: text(first(element, TERMS.name)),
    brand: text(first(element, TERMS.brand)),
    image: text(first(element, TERMS.image)),
    netContent: text(first(element, TERMS.netContent)),
    certifications: certifications(first(element, TERMS.certification)),
  };
}

export function place(element: MasterDataElement | undefined): Place {
  const address = [TERMS.street, TERMS.city, TERMS.country]
    .map((ids) => text(first(element, ids)))
    .filter((part): part is string => part !== undefined);
  return {
    name: text(first(element, TERMS.name)),
    address: address.length === 0 ? undefined : address.join(', '),
    latitude: coordinate(first(element, TERMS.latitude), 90),
    longitude: coordinate(first(element, TERMS.longitude), 180),
    timeZone: timeZone(first(element, TERMS.timeZone)),
    operator: optional(text(first(element, TERMS.operator)), canonicalIdentifier),
  };
}

export function partyName(element: MasterDataElement | undefined): string | undefined {
  return text(first(element, TERMS.name));
}
