import { createHash } from 'node:crypto';
import { LedgerParty } from './ebl';

/**
 * The Voyages chaincode contract as both sides see it (issue 21 item 4): what
 * a vessel's AIS position reports showed about the areas a hull policy cares
 * for. The positions service decodes the reports and decides which area a
 * position entered; the ledger keeps each such voyage event with the SHA-256
 * of the AIS sentences it came from, so anyone holding the sentences can show
 * the event was not made up, and the claims chaincode reads the events back
 * at notice (docs/decisions/0034-hull-cover-and-voyage-events.md).
 */
export const VOYAGES_CONTRACT = 'Voyages';

export const VoyagesTransaction = {
  recordVoyageEvent: 'recordVoyageEvent',
  readVoyageEvents: 'readVoyageEvents',
} as const;

/** Carries the VoyageEventRecord just written. */
export const VoyagesEvent = {
  recorded: 'VoyageEventRecorded',
} as const;

/** Where the Voyages contract keeps things: [imoNumber, at, evidenceSha256] → VoyageEventRecord. */
export const VOYAGE_KEYS = {
  event: 'voyages.event',
} as const;

/**
 * What an area is to a policy. A hull policy's trading limits are the waters
 * it covers (Institute Warranties style): leaving them is the breach. A
 * war-risk area (a listed area of the London market's Joint War Committee,
 * say) is one the policy excludes: entering it is the breach. A port area
 * tells arrival for a delay cover.
 */
export const AreaKind = {
  tradingLimits: 'TRADING_LIMITS',
  warRisk: 'WAR_RISK',
  port: 'PORT',
} as const;
export type AreaKind = (typeof AreaKind)[keyof typeof AreaKind];

export const VoyageEventKind = {
  /** The vessel left an area of kind TRADING_LIMITS: it entered waters outside its trading limits. */
  leftTradingLimits: 'LEFT_TRADING_LIMITS',
  enteredWarRiskArea: 'ENTERED_WAR_RISK_AREA',
  /** Entry into a PORT area: arrival. */
  arrived: 'ARRIVED',
} as const;
export type VoyageEventKind = (typeof VoyageEventKind)[keyof typeof VoyageEventKind];

/** Which area kind each voyage event is about. */
export const VOYAGE_EVENT_AREA: Readonly<Record<VoyageEventKind, AreaKind>> = {
  LEFT_TRADING_LIMITS: AreaKind.tradingLimits,
  ENTERED_WAR_RISK_AREA: AreaKind.warRisk,
  ARRIVED: AreaKind.port,
};

/**
 * An area as a policy names it: its id in the positions service's register
 * and the SHA-256 of its GeoJSON geometry's canonical JSON (RFC 8785), so
 * the policy and the event speak of the same shape.
 */
export interface AreaReference {
  areaId: string;
  geometrySha256: string;
}

/** What recordVoyageEvent takes (JSON). */
export interface VoyageEventInput {
  imoNumber: string;
  /** The vessel's MMSI the AIS reports carried. */
  mmsi: string;
  kind: VoyageEventKind;
  area: AreaReference;
  /** ISO 8601 UTC instant of the first position report inside (or, for LEFT, outside) the area. */
  at: string;
  /** WGS 84 decimal degrees as text (never a float in state), at most 6 decimals. */
  position: { latitude: string; longitude: string };
  /** SHA-256 (lower-case hex) of the AIS sentences of that report, joined by CRLF. */
  evidenceSha256: string;
}

export interface VoyageEventRecord extends VoyageEventInput {
  recordedBy: LedgerParty;
  recorderMsp: string;
  txId: string;
  recordedAt: string;
}

export const AREA_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const MMSI_PATTERN = /^[0-9]{9}$/;
export const DECIMAL_DEGREES_PATTERN = /^-?[0-9]{1,3}(\.[0-9]{1,6})?$/;
/** An ISO 8601 UTC instant as the ledger writes them, milliseconds optional. */
export const ISO_INSTANT_PATTERN =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3})?Z$/;

/**
 * The evidence hash of an AIS report: SHA-256 (hex) of its sentences as
 * received, joined by CRLF (NMEA 0183's line end), so whoever kept the
 * sentences can recompute it.
 */
export function aisEvidenceSha256(sentences: readonly string[]): string {
  return createHash('sha256').update(sentences.join('\r\n')).digest('hex');
}

/** A decimal degree value in text, at most 6 decimals (about 0.1 m). */
export function decimalDegrees(value: number): string {
  return value.toFixed(6).replace(/\.?0+$/, '');
}

/**
 * A voyage's arrival at a port (a delay cover's, issue 21): the first entry
 * into the port area (the same id and geometry hash) at or after `from` (a
 * policy period's first day, ISO 8601 date, UTC). Later entries (a shift of
 * berth, a return) are not arrivals. The chaincode checks a delay notice
 * against it and the claims service opens the notice by it.
 */
export function firstArrival(
  events: readonly VoyageEventRecord[],
  portArea: AreaReference,
  from: string,
): VoyageEventRecord | undefined {
  const start = Date.parse(`${from}T00:00:00.000Z`);
  let first: VoyageEventRecord | undefined;
  for (const event of events) {
    if (
      event.kind !== VoyageEventKind.arrived ||
      event.area.areaId !== portArea.areaId ||
      event.area.geometrySha256 !== portArea.geometrySha256 ||
      Date.parse(event.at) < start
    ) {
      continue;
    }
    const earlier =
      first === undefined ||
      Date.parse(event.at) < Date.parse(first.at) ||
      (Date.parse(event.at) === Date.parse(first.at) && event.txId < first.txId);
    if (earlier) first = event;
  }
  return first;
}
