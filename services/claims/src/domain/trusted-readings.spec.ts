import type { ReadingAttestation } from '@pujiang/contracts';
import { readingStanding } from './trusted-readings';

const DEVICE = 'urn:epc:id:giai:4012345.RC-0001';
const attested: ReadingAttestation = {
  element: 0,
  verdict: 'ATTESTED',
  reason: `attested by ${DEVICE} of Org1MSP`,
  deviceId: DEVICE,
  ownerMspId: 'Org1MSP',
  kid: 'k1',
};

describe('readingStanding: only readings attested by a trusted device count', () => {
  it('counts no reading for a trigger that names no device nor owner, not even an attested one', () => {
    expect(readingStanding({}, undefined)).toMatchObject({ counts: false });
    expect(readingStanding({ trustedDevices: [] }, { ...attested, verdict: 'UNSIGNED' })).toEqual({
      counts: false,
      reason: `UNSIGNED: ${attested.reason}`,
    });
    expect(readingStanding({ trustedDevices: [], trustedOwners: [] }, attested)).toEqual({
      counts: false,
      reason: `attested by ${DEVICE} of Org1MSP, which the trigger does not trust`,
    });
  });

  it.each([
    ['a trusted device', { trustedDevices: [DEVICE] }],
    ['a device of a trusted owner', { trustedOwners: ['Org1MSP'] }],
  ])('counts a reading attested by %s', (_, trust) => {
    expect(readingStanding(trust, attested)).toEqual({ counts: true });
  });

  it.each([
    ['no verdict', undefined, 'captured without an attestation verdict'],
    [
      'an unsigned reading',
      { element: 0, verdict: 'UNSIGNED', reason: 'the reading carries no device signature' },
      'UNSIGNED: the reading carries no device signature',
    ],
    [
      'a replayed reading',
      { ...attested, verdict: 'REPLAYED', reason: 'already captured' },
      'REPLAYED: already captured',
    ],
    [
      'an untrusted device',
      { ...attested, deviceId: 'urn:x:other', ownerMspId: 'Org2MSP' },
      'attested by urn:x:other of Org2MSP, which the trigger does not trust',
    ],
  ] as const)('does not count %s, and says why', (_, attestation, reason) => {
    expect(
      readingStanding({ trustedDevices: [DEVICE], trustedOwners: ['Org1MSP'] }, attestation),
    ).toEqual({ counts: false, reason });
  });
});
