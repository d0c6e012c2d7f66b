import {
  AttestationVerdict,
  type ReadingAttestation,
  type TemperatureTrigger,
} from '@pujiang/contracts';

/** Whether a reading counts for a trigger, and why not when it does not. */
export type ReadingStanding = { counts: true } | { counts: false; reason: string };

/**
 * Whom a temperature trigger trusts (issue 17): a reading counts only when
 * capture recorded it ATTESTED by a device the trigger names, or by a device
 * of an owner it names. Every trigger names one (the ledger refuses any
 * other); one that somehow names neither trusts nobody (decision 0017).
 */
export function readingStanding(
  trigger: Pick<TemperatureTrigger, 'trustedDevices' | 'trustedOwners'>,
  attestation: ReadingAttestation | undefined,
): ReadingStanding {
  const devices = trigger.trustedDevices ?? [];
  const owners = trigger.trustedOwners ?? [];
  if (attestation === undefined) {
    return { counts: false, reason: 'captured without an attestation verdict' };
  }
  if (attestation.verdict !== AttestationVerdict.attested) {
    return { counts: false, reason: `${attestation.verdict}: ${attestation.reason}` };
  }
  const trusted =
    (attestation.deviceId !== undefined && devices.includes(attestation.deviceId)) ||
    (attestation.ownerMspId !== undefined && owners.includes(attestation.ownerMspId));
  return trusted
    ? { counts: true }
    : {
        counts: false,
        reason: `attested by ${attestation.deviceId ?? '?'} of ${attestation.ownerMspId ?? '?'}, which the trigger does not trust`,
      };
}
