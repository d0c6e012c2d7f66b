import type { VoyageEventRecord } from '@pujiang/contracts';
import { delayCoverDecision } from './delay-covers';

const PORT = { areaId: 'NLRTM', geometrySha256: 'a'.repeat(64) };
const TRIGGER = { portArea: PORT, etaAt: '2026-11-19T12:00:00.000Z', graceHours: 24 };
const PERIOD = { from: '2026-10-01', to: '2027-03-31' };
let tx = 0;
const event = (at: string, overrides: Partial<VoyageEventRecord> = {}): VoyageEventRecord => ({
  imoNumber: '9074729',
  mmsi: '477123456',
  kind: 'ARRIVED',
  area: PORT,
  at,
  position: { latitude: '51.9', longitude: '4.1' },
  evidenceSha256: 'b'.repeat(64),
  recordedBy: 'x509::Org1MSP::Vessels@org1.pujiang.test',
  recorderMsp: 'Org1MSP',
  txId: `tx-${String(++tx).padStart(4, '0')}`,
  recordedAt: at,
  ...overrides,
});

describe('Delay cover (VESSEL_ARRIVAL): arrival beyond ETA and grace', () => {
  it('waits while the vessel has not arrived in the port area', () => {
    expect(delayCoverDecision(TRIGGER, PERIOD, [])).toEqual({ outcome: 'WAITING' });
    const elsewhere = event('2026-11-21T00:00:00.000Z', {
      area: { areaId: 'DEHAM', geometrySha256: PORT.geometrySha256 },
    });
    const redrawn = event('2026-11-21T00:00:00.000Z', {
      area: { areaId: 'NLRTM', geometrySha256: 'c'.repeat(64) },
    });
    const war = event('2026-11-21T00:00:00.000Z', { kind: 'ENTERED_WAR_RISK_AREA' });
    expect(delayCoverDecision(TRIGGER, PERIOD, [elsewhere, redrawn, war]).outcome).toBe('WAITING');
  });

  it('does not fire on an arrival within the ETA and its grace, to the millisecond', () => {
    const arrival = event('2026-11-20T12:00:00.000Z');
    expect(delayCoverDecision(TRIGGER, PERIOD, [arrival])).toEqual({
      outcome: 'ON_TIME',
      arrival,
      due: '2026-11-20T12:00:00.000Z',
    });
  });

  it('fires on an arrival after the ETA and its grace, with how late', () => {
    const arrival = event('2026-11-21T02:30:00.000Z');
    expect(delayCoverDecision(TRIGGER, PERIOD, [arrival])).toEqual({
      outcome: 'LATE',
      arrival,
      due: '2026-11-20T12:00:00.000Z',
      hoursLate: 14,
    });
  });

  it('judges the first entry only: a later entry after an on-time arrival does not fire', () => {
    const onTime = event('2026-11-20T06:00:00.000Z');
    const later = event('2026-11-23T06:00:00.000Z');
    expect(delayCoverDecision(TRIGGER, PERIOD, [later, onTime])).toMatchObject({
      outcome: 'ON_TIME',
      arrival: onTime,
    });
  });

  it('ignores calls at the port before the period and waits for one within it', () => {
    const before = event('2026-09-01T00:00:00.000Z');
    const after = event('2027-04-01T00:00:00.000Z');
    expect(delayCoverDecision(TRIGGER, PERIOD, [before, after]).outcome).toBe('WAITING');
    const late = event('2026-11-22T00:00:00.000Z');
    expect(delayCoverDecision(TRIGGER, PERIOD, [before, late, after])).toMatchObject({
      outcome: 'LATE',
      arrival: late,
    });
  });

  it('gives the same answer for events redelivered and out of order', () => {
    const a = event('2026-11-22T00:00:00.000Z');
    const b = event('2026-11-25T00:00:00.000Z');
    expect(delayCoverDecision(TRIGGER, PERIOD, [b, a, b, a])).toEqual(
      delayCoverDecision(TRIGGER, PERIOD, [a, b]),
    );
  });
});
