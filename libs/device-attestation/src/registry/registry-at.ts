import type {
  DeviceAttachment,
  DeviceKey,
  DeviceRecord,
  DeviceStatus,
} from '../../../contracts/src/ledger';

/**
 * The registry as it stood at an instant: what a reading is judged by. A
 * window is closed at its start and open at its end, so at the instant of a
 * rotation the new key is valid and the old one is not, and the two never
 * both hold.
 */
const within = (at: number, from: string, until: string | undefined): boolean =>
  Date.parse(from) <= at && (until === undefined || at < Date.parse(until));

/** The key of `kid` if it was valid at `at`. */
export function keyValidAt(record: DeviceRecord, kid: string, at: Date): DeviceKey | undefined {
  return record.keys.find(
    (key) => key.kid === kid && within(at.getTime(), key.validFrom, key.validUntil),
  );
}

/** The status the device had at `at`; undefined before it was registered. */
export function statusAt(record: DeviceRecord, at: Date): DeviceStatus | undefined {
  let status: DeviceStatus | undefined;
  for (const period of record.statuses) {
    if (Date.parse(period.from) <= at.getTime()) status = period.status;
  }
  return status;
}

/** What the device was fitted to at `at`, if anything. */
export function attachmentAt(record: DeviceRecord, at: Date): DeviceAttachment | undefined {
  return record.attachments.find((a) => within(at.getTime(), a.from, a.until));
}
