import { createHash, randomUUID } from 'node:crypto';
import { eventHashIdOfDigest } from '@pujiang/epcis';
import { Pool } from 'pg';
import {
  indexEvent,
  storedIdentifiers,
} from '../../services/traceability/src/epcis/events/domain/indexed-event';
import { EpcisVocabulary } from '../../services/traceability/src/epcis/events/epcis-vocabulary';
import { ORG1_PACKER } from '../../test/support/stack-tokens';
import { timed } from '../stats';
import { objectEvent } from './epcis-events';

/**
 * What the raw load writes, each table with the indexes its name says (copied
 * from the service's tables, so a migration adding or dropping one changes the
 * baseline too), none with a trigger:
 * - `bare`: the event rows, primary key only;
 * - `indexed`: the event rows, every index and unique constraint epcis_event
 *   has (issue 23's literal baseline);
 * - `stored`: every row a capture stores for its events in the database's own
 *   tables: the event rows as `indexed`, and their identifier rows into a
 *   table with epcis_event_identifier's indexes, in one statement as the
 *   service writes them (outbox and job rows are the service's, not counted);
 * - `identifiers`: the identifier rows alone, with their indexes, numbered as
 *   if their events had been inserted.
 */
export type RawTable = 'bare' | 'indexed' | 'stored' | 'identifiers';

export interface RawLoad {
  /** Events whose rows were loaded, per second. */
  eventsPerSecond: number;
  /** Rows of any table loaded, per second. */
  rowsPerSecond: number;
}

/**
 * The database floor for batch capture: the rows a capture of the bench's
 * events writes (the same columns, the same ~900-byte event JSON, the same
 * canonical identifiers), with one unnest statement per `perStatement` events,
 * each its own commit, from `concurrency` connections. Into tables in the
 * bench's throw-away schema, authored like the service's rows (Org1's
 * packer), as `table` says. Measured over the inserts alone.
 */
export async function rawInsertRate(
  db: Pool,
  options: {
    events: number;
    perStatement: number;
    concurrency: number;
    tag: string;
    table: RawTable;
  },
): Promise<RawLoad> {
  const events = `raw_event_${options.table}`;
  const identifiers = `raw_identifier_${options.table}`;
  const like = (of: string, name: string) =>
    db.query(`CREATE TABLE ${name} (LIKE ${of} INCLUDING DEFAULTS INCLUDING INDEXES)`);
  if (options.table === 'bare') {
    await db.query(`CREATE TABLE ${events} (LIKE epcis_event INCLUDING DEFAULTS)`);
    await db.query(`ALTER TABLE ${events} ADD PRIMARY KEY (seq)`);
  }
  if (options.table === 'indexed' || options.table === 'stored') {
    await like('epcis_event', events);
  }
  if (options.table === 'stored' || options.table === 'identifiers') {
    await like('epcis_event_identifier', identifiers);
  }
  const statement = {
    bare: insertEvents(events),
    indexed: insertEvents(events),
    stored: eventsAndIdentifiersStatement(events, identifiers),
    identifiers: identifiersStatement(identifiers),
  }[options.table];
  const chunks = rawChunks(options);
  const rowsPer = (chunk: RawChunk) =>
    (options.table === 'identifiers' ? 0 : chunk.events) +
    (options.table === 'stored' || options.table === 'identifiers' ? chunk.identifiers : 0);
  const rows = chunks.reduce((sum, chunk) => sum + rowsPer(chunk), 0);
  // The event rows alone are sent only their own columns, as before the identifier rows were added.
  const parameters = (chunk: RawChunk) => {
    if (options.table === 'identifiers') return chunk.seqParams;
    return options.table === 'stored' ? chunk.params : chunk.params.slice(0, EVENT_PARAMETERS);
  };
  let next = 0;
  const worker = async () => {
    for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
      await db.query(statement, parameters(chunk));
    }
  };
  const [, ms] = await timed(() =>
    Promise.all(Array.from({ length: options.concurrency }, worker)),
  );
  return { eventsPerSecond: options.events / (ms / 1000), rowsPerSecond: rows / (ms / 1000) };
}

/** $1–$9: the event rows' parameters; $10–$12 their identifier rows'. */
const EVENT_PARAMETERS = 9;

interface RawChunk {
  events: number;
  identifiers: number;
  /** The event columns, then each identifier row's event hash, identifier and role. */
  params: unknown[];
  /** The identifier rows alone: identifier, role and a made-up event seq. */
  seqParams: unknown[];
}

/** The bench's events, `perStatement` a statement, with their columns and identifier rows. */
function rawChunks(options: { events: number; perStatement: number; tag: string }): RawChunk[] {
  const vocabulary = new EpcisVocabulary();
  const captureId = randomUUID();
  const chunks: RawChunk[] = [];
  let seq = 0;
  for (let first = 0; first < options.events; first += options.perStatement) {
    const count = Math.min(options.perStatement, options.events - first);
    const events = Array.from({ length: count }, (_, i) => objectEvent(options.tag, first + i));
    const hashes = events.map((e) =>
      eventHashIdOfDigest(createHash('sha256').update(JSON.stringify(e)).digest('hex')),
    );
    const rows = events.flatMap((event, i) => {
      const indexed = indexEvent(event, vocabulary);
      seq += 1;
      return storedIdentifiers(indexed).map((id) => ({
        hash: hashes[i],
        seq,
        ...id,
      }));
    });
    chunks.push({
      events: count,
      identifiers: rows.length,
      params: [
        events.map(() => randomUUID()),
        hashes,
        hashes,
        events.map((e) => String(e.eventTime)),
        events.map((e) => String(e.bizStep)),
        events.map((e) => JSON.stringify(e)),
        captureId,
        ORG1_PACKER.organisation,
        ORG1_PACKER.party,
        rows.map((r) => r.hash),
        rows.map((r) => r.identifier),
        rows.map((r) => r.role),
      ],
      seqParams: [rows.map((r) => r.identifier), rows.map((r) => r.role), rows.map((r) => r.seq)],
    });
  }
  return chunks;
}

/** The event rows' INSERT … SELECT over parameters $1–$9. */
function insertEvents(table: string): string {
  return `INSERT INTO ${table} (id, event_hash, event_id, event_type, event_time, action, biz_step,
            disposition, read_point, biz_location, document, context, record_time, capture_id,
            anchor_status, capturing_organisation, capturing_party)
         SELECT u.id, u.hash, u.eid, 'ObjectEvent', u.t, 'OBSERVE', u.step, 'in_transit',
                'urn:epc:id:sgln:952012.345679.0', 'https://id.gs1.org/414/9520123456771', u.doc,
                '{"jsonLdContext":null}', now(), $7, 'pending', $8, $9
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[],
                       $6::jsonb[]) AS u (id, hash, eid, t, step, doc)`;
}

/** As EventStore.insert: the identifier rows take the seq of the event rows inserted. */
function eventsAndIdentifiersStatement(events: string, identifiers: string): string {
  return `WITH inserted AS (${insertEvents(events)} RETURNING seq, event_hash)
     INSERT INTO ${identifiers} (identifier, role, event_seq)
     SELECT u.identifier, u.role, inserted.seq
       FROM unnest($10::text[], $11::text[], $12::text[]) AS u (event_hash, identifier, role)
       JOIN inserted USING (event_hash)`;
}

function identifiersStatement(identifiers: string): string {
  return `INSERT INTO ${identifiers} (identifier, role, event_seq)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])`;
}
