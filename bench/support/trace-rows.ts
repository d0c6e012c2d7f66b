/**
 * The rows one capture of generated events stores, as COPY text: EventStore
 * and CaptureJobStore's columns for the events CaptureService.prepare makes
 * (each event's hash, its eventID, its index columns and identifiers), one
 * capture job per document of CAPTURE_LIMITS.maxEvents events, record_time
 * = the job's finish. `seq` is given here, as the sequence would have given
 * it: the events of batch b are seq b·maxEvents + 1 … in time order, so the
 * identifier rows name their event without reading it back.
 */
import { createHash, randomUUID } from 'node:crypto';
import { EPCIS_CONTEXT, documentEvents, eventHashId, eventHashIdOfDigest } from '@pujiang/epcis';
import {
  indexEvent,
  storedIdentifiers,
} from '../../services/traceability/src/epcis/events/domain/indexed-event';
import { EpcisVocabulary } from '../../services/traceability/src/epcis/events/epcis-vocabulary';
import { EpcisEvent } from './supply-network';

/** The whole network is captured by one member, as if it ran every site's system. */
export const BENCH_AUTHOR = { organisation: 'Org1MSP', party: 'bench-generator' };

/** `cbv`: libs/epcis eventHashId, as the capture computes it; `fast`: SHA-256 of the event's JSON. */
export type HashMode = 'cbv' | 'fast';

export const EVENT_COLUMNS = [
  'seq',
  'id',
  'event_hash',
  'event_id',
  'event_type',
  'event_time',
  'action',
  'biz_step',
  'disposition',
  'read_point',
  'biz_location',
  'document',
  'context',
  'record_time',
  'capture_id',
  'anchor_status',
  'capturing_organisation',
  'capturing_party',
];
export const IDENTIFIER_COLUMNS = ['identifier', 'role', 'event_seq'];
export const JOB_COLUMNS = [
  'capture_id',
  'error_behaviour',
  'success',
  'event_count',
  'captured_count',
  'duplicate_count',
  'errors',
  'created_at',
  'finished_at',
  'capturing_organisation',
];

/** One capture's rows, each table's as COPY text lines. */
export interface CaptureCopy {
  events: string;
  identifiers: string;
  job: string;
  /** Milliseconds spent on the events' hashes, and on everything else of the rows. */
  hashingMs: number;
  buildingMs: number;
}

export function epcisDocument(eventList: EpcisEvent[]): Record<string, unknown> {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { eventList },
  };
}

export function captureCopy(
  batch: EpcisEvent[],
  firstSeq: number,
  vocabulary: EpcisVocabulary,
  hash: HashMode,
): CaptureCopy {
  const hashStarted = performance.now();
  const { events, context } = documentEvents(epcisDocument(batch));
  // As CaptureService.prepare: the hash is the identity, a declared eventID is kept.
  const json = events.map((event) => JSON.stringify(event));
  const hashes = events.map((event, i) =>
    hash === 'cbv'
      ? eventHashId(event, context)
      : eventHashIdOfDigest(createHash('sha256').update(json[i]).digest('hex')),
  );
  const buildStarted = performance.now();
  const captureId = randomUUID();
  const contextField = field(JSON.stringify(context));
  const indexed = events.map((event) => indexEvent(event, vocabulary));
  // The events reach the repository a few minutes after the last of them happened.
  const latest = Math.max(...indexed.map((i) => i.eventTime.getTime()));
  const recordTime = new Date(latest + 15 * 60_000).toISOString();
  const tail = `${contextField}\t${recordTime}\t${captureId}\tpending\t${BENCH_AUTHOR.organisation}\t${field(BENCH_AUTHOR.party)}\n`;
  const eventLines: string[] = [];
  const identifierLines: string[] = [];
  events.forEach((event, i) => {
    const seq = firstSeq + i;
    const eventHash = hashes[i];
    const row = indexed[i];
    if (row === undefined) throw new Error('an event without its index');
    const eventID = typeof event.eventID === 'string' ? event.eventID : eventHash;
    eventLines.push(
      [
        seq,
        randomUUID(),
        field(eventHash),
        field(eventID),
        field(row.eventType),
        row.eventTime.toISOString(),
        field(row.action),
        field(row.bizStep),
        field(row.disposition),
        field(row.readPoint),
        field(row.bizLocation),
        field(storedDocument(event, json[i], eventID)),
        tail,
      ].join('\t'),
    );
    for (const id of storedIdentifiers(row)) {
      identifierLines.push(`${field(id.identifier)}\t${field(id.role)}\t${seq}\n`);
    }
  });
  const job = [
    captureId,
    'rollback',
    't',
    events.length,
    events.length,
    0,
    '[]',
    recordTime,
    recordTime,
    `${BENCH_AUTHOR.organisation}\n`,
  ].join('\t');
  const built = performance.now();
  return {
    events: eventLines.join(''),
    identifiers: identifierLines.join(''),
    job,
    hashingMs: buildStarted - hashStarted,
    buildingMs: built - buildStarted,
  };
}

/**
 * The event as stored, `{ ...event, eventID }`, from its JSON already made
 * for the hash: the same JSON when it declares its eventID, else the hash
 * added as a last member (where the spread puts a new key).
 */
function storedDocument(event: EpcisEvent, json: string, eventID: string): string {
  if (event.eventID === eventID) return json;
  if ('eventID' in event || json === '{}') return JSON.stringify({ ...event, eventID });
  return `${json.slice(0, -1)},"eventID":${JSON.stringify(eventID)}}`;
}

/** A value in COPY's text format: \N for null, the four special characters escaped. */
function field(value: string | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  return /[\\\n\r\t]/.test(value) ? value.replace(/[\\\n\r\t]/g, escape) : value;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(character: string): string {
  return ESCAPES[character] ?? character;
}
