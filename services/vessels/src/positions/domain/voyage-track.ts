import { AreaKind, VoyageEventKind } from '@pujiang/contracts';
import { Area, areasContaining } from './areas';

/** Where the vessel last was: the ids of the areas it lay in, or nothing yet. */
export type LastSeen = readonly string[] | undefined;

export interface AreaCrossing {
  kind: VoyageEventKind;
  area: Area;
}

/**
 * The voyage events a new position makes, from the areas the vessel lay in
 * before: entering a war-risk or a port area, leaving trading limits. A
 * vessel seen for the first time is taken to have come from inside its
 * trading limits and outside every other area, so a first report already in
 * a war-risk area, or outside its limits, counts. Pure: the same positions
 * in the same order give the same events.
 */
export function crossings(
  areas: readonly Area[],
  lastSeen: LastSeen,
  position: { latitude: number; longitude: number },
): { inside: string[]; crossings: AreaCrossing[] } {
  const inside = areasContaining(areas, position).map((a) => a.areaId);
  const before = new Set(
    lastSeen ?? areas.filter((a) => a.kind === AreaKind.tradingLimits).map((a) => a.areaId),
  );
  const now = new Set(inside);
  const found: AreaCrossing[] = [];
  for (const area of areas) {
    const entered = now.has(area.areaId) && !before.has(area.areaId);
    const left = before.has(area.areaId) && !now.has(area.areaId);
    if (area.kind === AreaKind.warRisk && entered) {
      found.push({ kind: VoyageEventKind.enteredWarRiskArea, area });
    } else if (area.kind === AreaKind.port && entered) {
      found.push({ kind: VoyageEventKind.arrived, area });
    } else if (area.kind === AreaKind.tradingLimits && left) {
      found.push({ kind: VoyageEventKind.leftTradingLimits, area });
    }
  }
  return { inside: inside.sort(), crossings: found };
}
