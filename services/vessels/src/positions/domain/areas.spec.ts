import { canonicalSha256 } from '@pujiang/standards';
import { box } from '../testing/areas';
import { AreaError, parseGeometry } from './areas';

describe('Area geometry as a caller sends it', () => {
  it('takes a GeoJSON Polygon and drops every member but type and coordinates', () => {
    const polygon = box(43, 11, 51, 15);
    const parsed = parseGeometry({ ...polygon, bbox: [43, 11, 51, 15], crs: 'EPSG:4326' });
    expect(parsed).toEqual(polygon);
    expect(canonicalSha256(parsed)).toBe(canonicalSha256(polygon));
  });

  it('takes a MultiPolygon', () => {
    const multi = {
      type: 'MultiPolygon',
      coordinates: [box(0, 0, 1, 1).coordinates, box(2, 2, 3, 3).coordinates],
    };
    expect(parseGeometry(multi)).toEqual(multi);
  });

  it.each([
    ['no object', 'Polygon'],
    ['an array', [[0, 0]]],
    ['null', null],
    ['a Point', { type: 'Point', coordinates: [0, 0] }],
    ['no coordinates', { type: 'Polygon' }],
    [
      'a string for a coordinate',
      {
        type: 'Polygon',
        coordinates: [
          [
            ['0', 0],
            [1, 0],
            [1, 1],
            ['0', 0],
          ],
        ],
      },
    ],
    ['a position of one number', { type: 'Polygon', coordinates: [[[0], [1, 0], [1, 1], [0]]] }],
    ['a ring that is no array', { type: 'Polygon', coordinates: [{}] }],
    ['an empty multipolygon', { type: 'MultiPolygon', coordinates: [] }],
    ['a longitude beyond 180°', box(170, 0, 181, 1)],
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
  ])('refuses %s', (_, value) => {
    expect(() => parseGeometry(value)).toThrow(AreaError);
  });
});
