import { aisEvidenceSha256 } from '@pujiang/contracts';
import { canonicalSha256 } from '@pujiang/standards';
import { TEST_AREAS } from '../testing/areas';
import { areasFor, instantOf, movesTrack, voyageEventInputs } from './voyage-events';
import { crossings } from './voyage-track';

const ALL = Object.values(TEST_AREAS);
const SENTENCES = ['!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24'];

describe('Voyage events from a vessel’s positions', () => {
  it('watches every war-risk and port area, and of trading limits only the vessel’s own', () => {
    expect(areasFor(ALL, []).map((a) => a.areaId)).toEqual(['JWC-GULF-OF-ADEN', 'NLRTM']);
    expect(areasFor(ALL, ['IWL-NORTH-EUROPE']).map((a) => a.areaId)).toEqual([
      'JWC-GULF-OF-ADEN',
      'IWL-NORTH-EUROPE',
      'NLRTM',
    ]);
  });

  it('keys an event by the UTC instant of receipt, whatever form it was received in', () => {
    expect(instantOf('2026-11-20T14:30:00+02:00')).toBe('2026-11-20T12:30:00.000Z');
    expect(instantOf('2026-11-20T12:30:00Z')).toBe('2026-11-20T12:30:00.000Z');
    expect(() => instantOf('yesterday')).toThrow(RangeError);
  });

  it('moves the track only with a report received after the last one that did', () => {
    expect(movesTrack(undefined, '2026-11-20T12:00:00.000Z')).toBe(true);
    expect(movesTrack('2026-11-20T12:00:00.000Z', '2026-11-20T12:00:01.000Z')).toBe(true);
    expect(movesTrack('2026-11-20T12:00:00.000Z', '2026-11-20T12:00:00.000Z')).toBe(false);
    expect(movesTrack('2026-11-20T12:00:00.000Z', '2026-11-20T11:59:59.000Z')).toBe(false);
  });

  it('gives each crossing the inputs recordVoyageEvent takes: area hash, text degrees, AIS hash', () => {
    const position = { latitude: 12.5, longitude: 45.25 };
    const found = crossings(areasFor(ALL, ['IWL-NORTH-EUROPE']), undefined, position).crossings;
    const inputs = voyageEventInputs(
      {
        imoNumber: '9074729',
        mmsi: '477123456',
        ...position,
        receivedAt: '2026-11-18T08:00:00Z',
        sentences: SENTENCES,
      },
      found,
    );
    expect(inputs).toEqual([
      {
        imoNumber: '9074729',
        mmsi: '477123456',
        kind: 'ENTERED_WAR_RISK_AREA',
        area: {
          areaId: 'JWC-GULF-OF-ADEN',
          geometrySha256: canonicalSha256(TEST_AREAS.gulf.geometry),
        },
        at: '2026-11-18T08:00:00.000Z',
        position: { latitude: '12.5', longitude: '45.25' },
        evidenceSha256: aisEvidenceSha256(SENTENCES),
      },
      expect.objectContaining({ kind: 'LEFT_TRADING_LIMITS', at: '2026-11-18T08:00:00.000Z' }),
    ]);
  });

  it('gives the same inputs for the same report redelivered', () => {
    const seen = {
      imoNumber: '9074729',
      mmsi: '477123456',
      latitude: 51.9,
      longitude: 4.1,
      receivedAt: '2026-11-21T00:00:00.000Z',
      sentences: SENTENCES,
    };
    const found = crossings(ALL, ['IWL-NORTH-EUROPE'], seen).crossings;
    expect(voyageEventInputs(seen, found)).toEqual(voyageEventInputs(seen, found));
    expect(voyageEventInputs(seen, found).map((e) => e.kind)).toEqual(['ARRIVED']);
  });
});
