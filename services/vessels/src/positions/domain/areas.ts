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

/**
 * A geometry as a caller sent it (parsed JSON of any shape), whitelisted to
 * a GeoJSON Polygon or MultiPolygon of numeric positions and checked by
 * `checkGeometry`. Members other than `type` and `coordinates` (a `bbox`)
 * are dropped, so the hash names the shape alone.
 */
export function parseGeometry(value: unknown): Polygon | MultiPolygon {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AreaError('geometry must be a GeoJSON Polygon or MultiPolygon object');
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  const position = (p: unknown): number[] => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3) {
      throw new AreaError('a position is [longitude, latitude] in WGS 84 degrees');
    }
    for (const n of p) {
      if (typeof n !== 'number' || !Number.isFinite(n)) {
        throw new AreaError('a position is [longitude, latitude] in WGS 84 degrees');
      }
    }
    return p as number[];
  };
  const list = <T>(v: unknown, what: string, each: (item: unknown) => T): T[] => {
    if (!Array.isArray(v)) throw new AreaError(`${what} must be an array`);
    return v.map(each);
  };
  const polygon = (v: unknown) => list(v, 'a polygon', (ring) => list(ring, 'a ring', position));
  let geometry: Polygon | MultiPolygon;
  if (type === 'Polygon') {
    geometry = { type, coordinates: polygon(coordinates) };
  } else if (type === 'MultiPolygon') {
    const polygons = list(coordinates, 'a multipolygon', polygon);
    if (polygons.length === 0) throw new AreaError('a multipolygon has at least one polygon');
    geometry = { type, coordinates: polygons };
  } else {
    throw new AreaError('geometry.type must be Polygon or MultiPolygon');
  }
  checkGeometry(geometry);
  return geometry;
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
