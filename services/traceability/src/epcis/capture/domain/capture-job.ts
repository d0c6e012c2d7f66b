import { InvalidField } from '../../domain/invalid-field';

export type CaptureErrorBehaviour = 'rollback' | 'proceed';

/** What the capture interface advertises and enforces (OPTIONS /capture). */
export const CAPTURE_LIMITS = {
  /** GS1-EPCIS-Capture-Limit: events per document. */
  maxEvents: 10_000,
  /** GS1-EPCIS-Capture-File-Size-Limit: bytes per request, refused before parsing. */
  maxBytes: 16 * 1024 * 1024,
} as const;

/** One refused event of a capture: which one (document order) and why. */
export interface CaptureError extends InvalidField {
  eventIndex: number;
}

/** A candidate event of a document, once its hash (its identity) is known or found impossible. */
export interface CandidateEvent {
  index: number;
  eventHash: string;
  eventID: string;
  eventTime: Date;
}

export interface CapturePlan {
  store: CandidateEvent[];
  duplicates: number;
  errors: CaptureError[];
  success: boolean;
}

/** Clocks drift; an event from further ahead than this is a device or data error. */
export const MAX_CLOCK_SKEW_MS = 24 * 3600 * 1000;

/**
 * Decides which events of a schema-valid document are stored. The event hash
 * is the event's identity: an event already held, or repeated within the
 * document, is a harmless duplicate. A client's eventID is kept as given and
 * may repeat (GS1's own examples share made-up ones), so it never decides
 * identity. An event dated in the future is an error; under `rollback` one
 * error stores nothing, under `proceed` the rest is stored.
 */
export function planCapture(
  candidates: readonly CandidateEvent[],
  storedHashes: ReadonlySet<string>,
  behaviour: CaptureErrorBehaviour,
  now: Date,
): CapturePlan {
  const errors: CaptureError[] = [];
  const accepted: CandidateEvent[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const candidate of candidates) {
    if (candidate.eventTime.getTime() - now.getTime() > MAX_CLOCK_SKEW_MS) {
      errors.push({
        eventIndex: candidate.index,
        pointer: `/epcisBody/eventList/${candidate.index}/eventTime`,
        detail: 'eventTime is more than 24 hours in the future',
      });
    } else if (storedHashes.has(candidate.eventHash) || seen.has(candidate.eventHash)) {
      duplicates++;
    } else {
      seen.add(candidate.eventHash);
      accepted.push(candidate);
    }
  }
  const success = errors.length === 0;
  const store = success || behaviour === 'proceed' ? accepted : [];
  return { store, duplicates, errors, success };
}

export function parseErrorBehaviour(header: string | undefined): CaptureErrorBehaviour | undefined {
  if (header === undefined || header === '') return 'rollback';
  const value = header.trim().toLowerCase();
  return value === 'rollback' || value === 'proceed' ? value : undefined;
}
