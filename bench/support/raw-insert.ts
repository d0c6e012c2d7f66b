import { createHash, randomUUID } from 'node:crypto';
import { eventHashIdOfDigest } from '@pujiang/epcis';
import { Pool } from 'pg';
import { ORG1_PACKER } from '../../test/support/stack-tokens';
import { timed } from '../stats';
import { objectEvent } from './epcis-events';

/**
 * `bare`: the primary key only; `indexed`: every index and unique constraint
 * epcis_event has (copied from it, so a migration adding or dropping one
 * changes the baseline too). Neither has epcis_event's foreign key or triggers.
 */
export type RawTable = 'bare' | 'indexed';

/**
 * The database floor for batch capture: rows as wide as epcis_event's (same
 * columns, the same ~900-byte event JSON), inserted with one unnest statement
 * per `perStatement` rows, each its own commit, from `concurrency` connections.
 * Into a table of epcis_event's columns, indexed as `table` says, in the
 * bench's throw-away schema, authored like the service's rows (Org1's
 * packer). Returns rows/s over the inserts alone.
 */
export async function rawInsertRate(
  db: Pool,
  options: {
    rows: number;
    perStatement: number;
    concurrency: number;
    tag: string;
    table: RawTable;
  },
): Promise<number> {
  const table = `raw_event_${options.table}`;
  if (options.table === 'indexed') {
    await db.query(`CREATE TABLE ${table} (LIKE epcis_event INCLUDING DEFAULTS INCLUDING INDEXES)`);
  } else {
    await db.query(`CREATE TABLE ${table} (LIKE epcis_event INCLUDING DEFAULTS)`);
    await db.query(`ALTER TABLE ${table} ADD PRIMARY KEY (seq)`);
  }
  const captureId = randomUUID();
  const chunks: unknown[][] = [];
  for (let first = 0; first < options.rows; first += options.perStatement) {
    const count = Math.min(options.perStatement, options.rows - first);
    const events = Array.from({ length: count }, (_, i) => objectEvent(options.tag, first + i));
    const hashes = events.map((e) =>
      eventHashIdOfDigest(createHash('sha256').update(JSON.stringify(e)).digest('hex')),
    );
    chunks.push([
      events.map(() => randomUUID()),
      hashes,
      hashes,
      events.map((e) => String(e.eventTime)),
      events.map((e) => String(e.bizStep)),
      events.map((e) => JSON.stringify(e)),
      captureId,
      ORG1_PACKER.organisation,
      ORG1_PACKER.party,
    ]);
  }
  let next = 0;
  const worker = async () => {
    for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
      await db.query(
        `INSERT INTO ${table} (id, event_hash, event_id, event_type, event_time, action, biz_step,
            disposition, read_point, biz_location, document, context, record_time, capture_id,
            anchor_status, capturing_organisation, capturing_party)
         SELECT u.id, u.hash, u.eid, 'ObjectEvent', u.t, 'OBSERVE', u.step, 'in_transit',
                'urn:epc:id:sgln:952012.345679.0', 'https://id.gs1.org/414/9520123456771', u.doc,
                '{"jsonLdContext":null}', now(), $7, 'pending', $8, $9
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[],
                       $6::jsonb[]) AS u (id, hash, eid, t, step, doc)`,
        chunk,
      );
    }
  };
  const [, ms] = await timed(() =>
    Promise.all(Array.from({ length: options.concurrency }, worker)),
  );
  return options.rows / (ms / 1000);
}
