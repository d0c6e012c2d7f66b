import { canonicalSha256 } from '@pujiang/standards';
import { TEST_AREAS, box } from '../testing/areas';
import { AreaError, areaReference, checkGeometry } from './areas';
import { crossings } from './voyage-track';

const AREAS = Object.values(TEST_AREAS);
const NORTH_SEA = { latitude: 54, longitude: 3 };
const ROTTERDAM = { latitude: 51.9, longitude: 4.1 };
const GULF = { latitude: 12.5, longitude: 45.25 };
const RED_SEA = { latitude: 20, longitude: 38.5 };

describe('Voyage track: area entries from successive positions', () => {
  it('records nothing while the vessel stays inside its limits and out of other areas', () => {
    const first = crossings(AREAS, undefined, NORTH_SEA);
    expect(first).toEqual({ inside: ['IWL-NORTH-EUROPE'], crossings: [] });
    expect(crossings(AREAS, first.inside, NORTH_SEA).crossings).toEqual([]);
  });

  it('records leaving the trading limits, and once only while outside', () => {
    const outside = crossings(AREAS, ['IWL-NORTH-EUROPE'], RED_SEA);
    expect(outside.crossings.map((c) => [c.kind, c.area.areaId])).toEqual([
      ['LEFT_TRADING_LIMITS', 'IWL-NORTH-EUROPE'],
    ]);
    expect(crossings(AREAS, outside.inside, RED_SEA).crossings).toEqual([]);
  });

  it('records entering a war-risk area, once per entry', () => {
    const inGulf = crossings(AREAS, [], GULF);
    expect(inGulf.crossings.map((c) => [c.kind, c.area.areaId])).toEqual([
      ['ENTERED_WAR_RISK_AREA', 'JWC-GULF-OF-ADEN'],
    ]);
    expect(crossings(AREAS, inGulf.inside, GULF).crossings).toEqual([]);
    const out = crossings(AREAS, inGulf.inside, RED_SEA);
    expect(crossings(AREAS, out.inside, GULF).crossings).toHaveLength(1);
  });

  it('records arrival as the entry into a port area', () => {
    const arrival = crossings(AREAS, ['IWL-NORTH-EUROPE'], ROTTERDAM);
    expect(arrival.crossings.map((c) => [c.kind, c.area.areaId])).toEqual([['ARRIVED', 'NLRTM']]);
    expect(arrival.inside).toEqual(['IWL-NORTH-EUROPE', 'NLRTM']);
  });

  it('takes a vessel first seen in a war-risk area and outside its limits as having crossed both', () => {
    expect(crossings(AREAS, undefined, GULF).crossings.map((c) => c.kind)).toEqual([
      'ENTERED_WAR_RISK_AREA',
      'LEFT_TRADING_LIMITS',
    ]);
  });

  it('names an area by its id and the SHA-256 of its geometry’s canonical JSON', () => {
    expect(areaReference(TEST_AREAS.gulf)).toEqual({
      areaId: 'JWC-GULF-OF-ADEN',
      geometrySha256: canonicalSha256(TEST_AREAS.gulf.geometry),
    });
  });

  it.each([
    [
      'an open ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    ],
    [
      'a ring of three positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
    ],
    ['a latitude beyond the pole', box(0, 80, 1, 95)],
    ['no ring', { type: 'Polygon', coordinates: [] }],
  ] as const)('refuses a geometry with %s', (_, geometry) => {
    expect(() => checkGeometry(geometry as never)).toThrow(AreaError);
  });
});
