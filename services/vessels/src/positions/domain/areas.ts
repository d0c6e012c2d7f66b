import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import type { MultiPolygon, Polygon } from 'geojson';
import { AREA_ID_PATTERN, AreaKind, AreaReference } from '@pujiang/contracts';
import { canonicalSha256 } from '@pujiang/standards';

/** A registered area: a GeoJSON (RFC 7946) polygon or multipolygon, WGS 84, [longitude, latitude]. */
export interface Area {
  areaId: string;
  kind: AreaKind;
  name: string;
  geometry: Polygon | MultiPolygon;
}

export class AreaError extends RangeError {
  override readonly name = 'AreaError';
}

const MAX_POSITIONS = 10_000;

/**
 * Checks what GeoJSON leaves to the writer: closed linear rings of at least
 * four positions, each [longitude, latitude] within range. The area's shape
 * is then the geometry as given, and its hash names it.
 */
export function checkGeometry(geometry: Polygon | MultiPolygon): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let count = 0;
  for (const rings of polygons) {
    if (rings.length === 0) throw new AreaError('a polygon needs an outer ring');
    for (const ring of rings) {
      if (ring.length < 4) throw new AreaError('a linear ring has at least four positions');
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first?.[0] !== last?.[0] || first?.[1] !== last?.[1]) {
        throw new AreaError('a linear ring ends where it starts');
      }
      for (const position of ring) {
        const [longitude, latitude] = position;
        if (
          position.length < 2 ||
          longitude === undefined ||
          latitude === undefined ||
          Math.abs(longitude) > 180 ||
          Math.abs(latitude) > 90
        ) {
          throw new AreaError('a position is [longitude, latitude] in WGS 84 degrees');
        }
      }
      count += ring.length;
    }
  }
  if (count > MAX_POSITIONS) throw new AreaError(`an area has at most ${MAX_POSITIONS} positions`);
}

/** What a policy and a voyage event name an area by: its id and the hash of its geometry. */
export function areaReference(area: Pick<Area, 'areaId' | 'geometry'>): AreaReference {
  if (!AREA_ID_PATTERN.test(area.areaId)) throw new AreaError('malformed area id');
  return { areaId: area.areaId, geometrySha256: canonicalSha256(area.geometry) };
}

/** The areas a position lies in (their boundary included). */
export function areasContaining(
  areas: readonly Area[],
  position: { latitude: number; longitude: number },
): Area[] {
  const at = point([position.longitude, position.latitude]);
  return areas.filter((area) => booleanPointInPolygon(at, area.geometry));
}
