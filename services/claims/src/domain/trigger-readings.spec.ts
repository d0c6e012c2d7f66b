import { triggerReadingsOf } from './trigger-readings';

const DEVICE = 'urn:epc:id:giai:4012345.RC-0001';
const PROOF = 'http://traceability/events/ev-1/proof';
const attested = {
  eventId: 'ev-1',
  time: '2026-12-05T10:00:00.000Z',
  celsiusTenths: 95,
  attestedBy: DEVICE,
  owner: 'Org1MSP',
  kid: 'k1',
  verdict: 'ATTESTED',
  proof: PROOF,
};

describe('triggerReadingsOf: the readings a parametric claim shows', () => {
  it('names the attesting device and its owner, with the proof', () => {
    expect(triggerReadingsOf({ readings: [attested] })).toEqual([
      { ...attested, statement: `reading attested by device ${DEVICE} of owner Org1MSP` },
    ]);
  });

  it('does not call a reading attested when its verdict is not ATTESTED', () => {
    const [reading] = triggerReadingsOf({ readings: [{ ...attested, verdict: 'DEVICE_REVOKED' }] });
    expect(reading?.statement).toBe(
      'reading not attested by a device (DEVICE_REVOKED); the trigger trusts every reading',
    );
  });

  it('shows a reading captured without a verdict, for a trigger that trusts every reading', () => {
    const { eventId, time, celsiusTenths, proof } = attested;
    expect(triggerReadingsOf({ readings: [{ eventId, time, celsiusTenths, proof }] })).toEqual([
      {
        eventId,
        time,
        celsiusTenths,
        proof,
        statement:
          'reading not attested by a device (no verdict); the trigger trusts every reading',
      },
    ]);
  });

  it('has none for an arrival trigger or a malformed record', () => {
    expect(triggerReadingsOf({ daysLate: 3, eventIds: ['ev-1'] })).toEqual([]);
    expect(triggerReadingsOf(null)).toEqual([]);
    expect(
      triggerReadingsOf({ readings: [{ eventId: 'ev-1' }, 'x', { ...attested, proof: 1 }] }),
    ).toEqual([]);
  });
});
