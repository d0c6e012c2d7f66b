import { VoyageEventRecord, firstArrival } from './voyages';

const PORT = { areaId: 'NLRTM', geometrySha256: 'a'.repeat(64) };
const event = (
  at: string,
  txId: string,
  overrides: Partial<VoyageEventRecord> = {},
): VoyageEventRecord => ({
  imoNumber: '9074729',
  mmsi: '477123456',
  kind: 'ARRIVED',
  area: PORT,
  at,
  position: { latitude: '51.9', longitude: '4.1' },
  evidenceSha256: 'b'.repeat(64),
  recordedBy: 'x509::Org1MSP::Vessels@org1.pujiang.test',
  recorderMsp: 'Org1MSP',
  txId,
  recordedAt: at,
  ...overrides,
});

describe('firstArrival: a voyage’s arrival at a port', () => {
  it('is the earliest entry into the port area since the day given, in any order', () => {
    const first = event('2026-11-20T06:00:00.000Z', 'tx-b');
    const later = event('2026-11-22T06:00:00.000Z', 'tx-a');
    expect(firstArrival([later, first], PORT, '2026-10-01')).toBe(first);
  });

  it('counts instants, not their spelling, and breaks a tie by transaction', () => {
    const withMillis = event('2026-11-20T06:00:00.000Z', 'tx-2');
    const without = event('2026-11-20T06:00:00Z', 'tx-1');
    expect(firstArrival([withMillis, without], PORT, '2026-10-01')).toBe(without);
  });

  it('ignores calls before the day, other ports, a redrawn port and other kinds', () => {
    const events = [
      event('2026-09-30T23:59:59.999Z', 'tx-1'),
      event('2026-11-20T00:00:00.000Z', 'tx-2', { area: { ...PORT, areaId: 'DEHAM' } }),
      event('2026-11-20T00:00:00.000Z', 'tx-3', {
        area: { ...PORT, geometrySha256: 'c'.repeat(64) },
      }),
      event('2026-11-20T00:00:00.000Z', 'tx-4', { kind: 'ENTERED_WAR_RISK_AREA' }),
    ];
    expect(firstArrival(events, PORT, '2026-10-01')).toBeUndefined();
    expect(firstArrival(events, PORT, '2026-09-30')?.txId).toBe('tx-1');
  });
});
