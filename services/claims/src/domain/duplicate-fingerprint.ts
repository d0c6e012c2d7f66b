import { createHmac } from 'node:crypto';
import { parseContainerNumber } from '@pujiang/standards';
import { addDays, calendarDateOf, dayNumber, fromDayNumber, type DateInput } from './calendar-date';

/**
 * Fingerprints for spotting the same loss claimed with two insurers, shared between insurers
 * without showing the cargo: HMAC-SHA256 under a key only the consortium members hold, over
 * `eBL|container|window`. Without the key nobody can test a guessed eBL or container against a
 * fingerprint; with it, equal facts give equal hashes. They reach the chaincode only as
 * transient data, and public state keeps a one-way index of each (decision 0009), so a
 * fingerprint cannot be copied from the ledger and presented again.
 *
 * The loss date is bucketed into 7-day windows starting on Mondays, counted from 1970-01-05.
 * A claim registers its own window and probes the window before and after, so two claims whose
 * loss dates fall either side of a window boundary still meet.
 */
export interface DuplicateFacts {
  readonly eblReference?: string;
  readonly containers: readonly string[];
  /** A loss of the ship itself (hull, P&I): the vessel stands where cargo has its containers. */
  readonly imoNumber?: string;
  readonly lossDate: DateInput;
}

export interface Fingerprints {
  /** One per container (in the order given, each once) for the loss date's window. */
  readonly register: string[];
  /** Per container: the window before, the window, the window after. */
  readonly probe: string[];
}

/** Below the hash's own length an HMAC key weakens it (RFC 2104 §3). */
const MIN_KEY_BYTES = 32;
const FIRST_MONDAY = dayNumber('1970-01-05');
const NONE = '-';

/** The Monday starting the loss date's window, 'YYYY-MM-DD'. */
export function lossWindowStart(lossDate: DateInput): string {
  const day = dayNumber(calendarDateOf(lossDate));
  return fromDayNumber(FIRST_MONDAY + Math.floor((day - FIRST_MONDAY) / 7) * 7);
}

function mac(key: Buffer, ebl: string, container: string, window: string): string {
  return createHmac('sha256', key).update(`${ebl}|${container}|${window}`, 'utf8').digest('hex');
}

/**
 * Containers are checked (ISO 6346) so a typo does not silently miss a duplicate. With no
 * container, the eBL alone is fingerprinted (container '-'); with neither, there is nothing to
 * compare and it throws, since '-|-|window' would match every such claim of that week.
 */
export function fingerprints(facts: DuplicateFacts, key: Buffer): Fingerprints {
  if (key.length < MIN_KEY_BYTES) throw new RangeError(`the key needs ${MIN_KEY_BYTES} bytes`);
  const ebl = facts.eblReference?.trim().toUpperCase() || NONE;
  const containers = [...new Set(facts.containers.map((c) => parseContainerNumber(c).value))];
  const vessel = facts.imoNumber === undefined ? [] : [`IMO${facts.imoNumber}`];
  if (ebl === NONE && containers.length === 0 && vessel.length === 0) {
    throw new RangeError('a fingerprint needs an eBL reference, a container or a vessel');
  }
  const window = lossWindowStart(facts.lossDate);
  const windows = [addDays(window, -7), window, addDays(window, 7)];
  const boxes = containers.length > 0 ? containers : vessel.length > 0 ? vessel : [NONE];
  return {
    register: boxes.map((box) => mac(key, ebl, box, window)),
    probe: boxes.flatMap((box) => windows.map((w) => mac(key, ebl, box, w))),
  };
}
