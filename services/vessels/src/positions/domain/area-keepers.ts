import { AreaKind } from '@pujiang/contracts';
import { VesselRole } from '../../domain/vessel-roles';

/**
 * Who keeps each kind of area in the register. An insurer draws the trading
 * limits of the vessels it insures and the port areas of its delay covers:
 * they are the terms of its policies. War-risk areas are the market's lists,
 * kept by whoever holds them for the platform, not by any one insurer, so an
 * insurer cannot shrink the areas its own warranties exclude.
 */
export const AREA_KEEPER: Readonly<Record<AreaKind, VesselRole>> = {
  TRADING_LIMITS: VesselRole.insurer,
  PORT: VesselRole.insurer,
  WAR_RISK: VesselRole.warRiskLists,
};

/** Why a caller holding `roles` may not keep an area of `kind`, or undefined if it may. */
export function areaKeeperRefusal(kind: AreaKind, roles: readonly string[]): string | undefined {
  const keeper = AREA_KEEPER[kind];
  return roles.includes(keeper)
    ? undefined
    : `${kind} areas are kept by ${keeper.replace('vessels:', '')}`;
}

/** Only a vessel's trading limits are set per vessel, and only areas of that kind. */
export function tradingLimitsRefusal(
  areas: readonly { areaId: string; kind: AreaKind }[],
): string | undefined {
  const other = areas.find((a) => a.kind !== AreaKind.tradingLimits);
  return other === undefined
    ? undefined
    : `area ${other.areaId} is ${other.kind}, not ${AreaKind.tradingLimits}`;
}
