import { AreaKind, VoyageEventInput, aisEvidenceSha256, decimalDegrees } from '@pujiang/contracts';
import { Area, areaReference } from './areas';
import { AreaCrossing } from './voyage-track';

/** A decoded position report of a vessel whose IMO number its type 5 report gave. */
export interface PositionSeen {
  imoNumber: string;
  mmsi: string;
  latitude: number;
  longitude: number;
  /** When the report was received (AIS positions carry no date), any ISO 8601 form. */
  receivedAt: string;
  /** The sentences as received: their hash is the evidence. */
  sentences: readonly string[];
}

/**
 * The areas that speak to a vessel: every war-risk and port area of the
 * register, and of the trading-limit areas only those set as its own.
 */
export function areasFor(areas: readonly Area[], tradingLimits: readonly string[]): Area[] {
  return areas.filter(
    (area) => area.kind !== AreaKind.tradingLimits || tradingLimits.includes(area.areaId),
  );
}

/** The instant the ledger keys an event by: UTC with milliseconds, whatever form was received. */
export function instantOf(receivedAt: string): string {
  const time = Date.parse(receivedAt);
  if (Number.isNaN(time)) throw new RangeError(`not an instant: ${receivedAt}`);
  return new Date(time).toISOString();
}

/**
 * Whether a report moves the track: only one received after the last that
 * did. An older report (redelivered after a newer one, or late from another
 * receiver) is kept as a position but makes no event, so the order the
 * reports arrive in cannot invent a crossing.
 */
export function movesTrack(lastAt: string | undefined, receivedAt: string): boolean {
  return lastAt === undefined || Date.parse(receivedAt) > Date.parse(lastAt);
}

/**
 * What `recordVoyageEvent` is given for each crossing: the area by id and
 * geometry hash, the position as decimal-degree text, and the SHA-256 of
 * the report's sentences. The same report gives the same inputs, so a
 * redelivered report meets its own event on the ledger.
 */
export function voyageEventInputs(
  seen: PositionSeen,
  found: readonly AreaCrossing[],
): VoyageEventInput[] {
  const at = instantOf(seen.receivedAt);
  const evidenceSha256 = aisEvidenceSha256(seen.sentences);
  return found.map((crossing) => ({
    imoNumber: seen.imoNumber,
    mmsi: seen.mmsi,
    kind: crossing.kind,
    area: areaReference(crossing.area),
    at,
    position: {
      latitude: decimalDegrees(seen.latitude),
      longitude: decimalDegrees(seen.longitude),
    },
    evidenceSha256,
  }));
}
