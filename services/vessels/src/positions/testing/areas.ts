import type { Polygon } from 'geojson';
import { Area } from '../domain/areas';

/** A rectangle [west, south, east, north] as a closed GeoJSON ring. */
export function box(west: number, south: number, east: number, north: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

/** Test areas, roughly where they are: the Gulf of Aden, north-west Europe, Rotterdam. */
export const TEST_AREAS: Record<'gulf' | 'northEurope' | 'rotterdam', Area> = {
  gulf: {
    areaId: 'JWC-GULF-OF-ADEN',
    kind: 'WAR_RISK',
    name: 'Gulf of Aden',
    geometry: box(43, 11, 51, 15),
  },
  northEurope: {
    areaId: 'IWL-NORTH-EUROPE',
    kind: 'TRADING_LIMITS',
    name: 'North-west Europe',
    geometry: box(-10, 43, 12, 62),
  },
  rotterdam: {
    areaId: 'NLRTM',
    kind: 'PORT',
    name: 'Port of Rotterdam',
    geometry: box(3.9, 51.85, 4.5, 52.0),
  },
};
