/**
 * Writes a generated supply network into a throw-away schema of the
 * traceability database, exactly as the capture would have stored it: the
 * service's own migrations make the tables, each event goes through the
 * service's own hash (libs/epcis eventHashId over documentEvents' context;
 * or, with hash `fast`, a SHA-256 of the event's JSON in the same `ni:` form,
 * unique but not the CBV 2.0 hash, when the canonical hash is too slow for
 * 10M on two cores) and index (indexEvent with EpcisVocabulary), and the rows are the columns
 * EventStore.insert writes (`pending`, one capture job per document of
 * CAPTURE_LIMITS.maxEvents events, record_time = the job's finish). The
 * outbox rows a capture also writes are left out: nothing here is anchored.
 *
 * For speed the secondary indexes and constraints are dropped while loading
 * and rebuilt from their saved definitions afterwards (checked identical),
 * then the tables are vacuumed and analysed as autovacuum would leave an
 * insert-only table. A schema whose marker and row count match is reused.
 */
import { createHash, randomUUID } from 'node:crypto';
import { EPCIS_CONTEXT, documentEvents, eventHashId, eventHashIdOfDigest } from '@pujiang/epcis';
import { MESSAGING_ENTITIES } from '@pujiang/messaging';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CAPTURE_LIMITS } from '../../services/traceability/src/epcis/capture/domain/capture-job';
import { EpcisSchema } from '../../services/traceability/src/epcis/capture/epcis-schema';
import { indexEvent } from '../../services/traceability/src/epcis/events/domain/indexed-event';
import { EpcisVocabulary } from '../../services/traceability/src/epcis/events/epcis-vocabulary';
import { TRACEABILITY_MIGRATIONS } from '../../services/traceability/src/persistence/migrations';
import {
  EpcisEvent,
  NetworkParameters,
  SupplyNetwork,
  cyclePlan,
  eventsInTimeOrder,
  supplyNetwork,
} from './supply-network';

/** The whole network is captured by one member, as if it ran every site's system. */
const BENCH_AUTHOR = { organisation: 'Org1MSP', party: 'bench-generator' };

/** Bump when the generator changes what it writes: a stored dataset of another version is rebuilt. */
const GENERATOR = 'soy-tofu-network/2';

const TABLES = ['epcis_event', 'epcis_event_identifier'];

/** `cbv`: libs/epcis eventHashId, as the capture computes it; `fast`: SHA-256 of the event's JSON. */
export type HashMode = 'cbv' | 'fast';

export interface Dataset {
  schema: string;
  hash: HashMode;
  network: SupplyNetwork;
  events: number;
  identifiers: number;
  /** This run's generation, or the one recorded when the schema was made. */
  generation: GenerationTimes;
  reused: boolean;
}

export interface GenerationTimes {
  totalSeconds: number;
  /** Sizing the network (building every cycle's plan once) and checking one cycle against the schema. */
  sizingSeconds: number;
  migrateSeconds: number;
  loadSeconds: number;
  indexSeconds: number;
  vacuumSeconds: number;
  eventsPerSecond: number;
}

interface Marker extends GenerationTimes {
  generator: string;
  hash: HashMode;
  /** The sized network, so a reuse does not have to size it again (minutes at 10M). */
  network: SupplyNetwork;
  events: number;
  identifiers: number;
}

export function schemaFor(parameters: NetworkParameters): string {
  return `bench_trace_${parameters.targetEvents}`;
}

/** The URL the service is given: the same database, its search_path on the bench schema. */
export function schemaUrl(url: string, schema: string): string {
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

export async function ensureDataset(
  url: string,
  parameters: NetworkParameters,
  hash: HashMode,
  log: (line: string) => void,
): Promise<Dataset> {
  const schema = schemaFor(parameters);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const stored = await storedMarker(client, schema, parameters, hash);
    if (stored !== undefined) {
      const { rows } = await client.query<{ events: string }>(
        `SELECT count(*) AS events FROM ${schema}.epcis_event`,
      );
      if (Number(rows[0]?.events) === stored.events) {
        log(`dataset ${schema}: its ${stored.events} events are already there, reused`);
        return {
          schema,
          hash,
          network: stored.network,
          events: stored.events,
          identifiers: stored.identifiers,
          generation: stored,
          reused: true,
        };
      }
    }
    const sizingStarted = Date.now();
    const network = supplyNetwork(parameters);
    checkSchemaValid(network);
    const sizingSeconds = Math.round((Date.now() - sizingStarted) / 100) / 10;
    log(
      `dataset ${schema}: generating ${network.events} events (${network.cycles} cycles, sized and schema-checked in ${sizingSeconds} s)`,
    );
    const loaded = await generate(client, url, schema, network, hash, log);
    const totalSeconds = Math.round((loaded.totalSeconds + sizingSeconds) * 10) / 10;
    const generation: GenerationTimes = {
      ...loaded,
      sizingSeconds,
      totalSeconds,
      eventsPerSecond: Math.round(network.events / totalSeconds),
    };
    const { rows } = await client.query<{ identifiers: string }>(
      `SELECT count(*) AS identifiers FROM ${schema}.epcis_event_identifier`,
    );
    const identifiers = Number(rows[0]?.identifiers);
    const marker: Marker = {
      generator: GENERATOR,
      hash,
      network,
      events: network.events,
      identifiers,
      ...generation,
    };
    await client.query(`COMMENT ON SCHEMA ${schema} IS ${literal(JSON.stringify(marker))}`);
    return {
      schema,
      hash,
      network,
      events: network.events,
      identifiers,
      generation,
      reused: false,
    };
  } finally {
    await client.end();
  }
}

async function storedMarker(
  client: Client,
  schema: string,
  parameters: NetworkParameters,
  hash: HashMode,
): Promise<Marker | undefined> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`,
    [schema],
  );
  const comment = rows[0]?.comment;
  if (comment === undefined || comment === null) return undefined;
  let marker: Marker;
  try {
    marker = JSON.parse(comment) as Marker;
  } catch {
    return undefined;
  }
  // The same generator with the same parameters makes the same events.
  if (
    marker.generator !== GENERATOR ||
    marker.hash !== hash ||
    JSON.stringify(marker.network?.parameters) !== JSON.stringify(parameters)
  ) {
    return undefined;
  }
  const revived = { ...marker.network.parameters, firstHarvest: new Date(parameters.firstHarvest) };
  return { ...marker, network: { ...marker.network, parameters: revived } };
}

/** One whole cycle (every kind of event the network sends) against GS1's schema, as the capture checks it. */
function checkSchemaValid(network: SupplyNetwork): void {
  const plan = cyclePlan(network, Math.floor(network.cycles / 2));
  const problems = new EpcisSchema().problems(epcisDocument(plan.steps.map((s) => s.event())));
  if (problems.length > 0) {
    throw new Error(
      `generated events fail the EPCIS schema: ${JSON.stringify(problems.slice(0, 5))}`,
    );
  }
}

async function generate(
  client: Client,
  url: string,
  schema: string,
  network: SupplyNetwork,
  hash: HashMode,
  log: (line: string) => void,
): Promise<GenerationTimes> {
  const started = Date.now();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.query(`CREATE SCHEMA ${schema}`);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    entities: MESSAGING_ENTITIES,
    migrations: TRACEABILITY_MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { options: `-c search_path=${schema}` },
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  const migrated = Date.now();

  await client.query(`SET search_path = ${schema}`);
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  const saved = await indexDefinitions(client, schema);
  await dropForLoad(client, saved);

  const vocabulary = new EpcisVocabulary();
  let inserted = 0;
  let nextReport = network.events / 10;
  let inFlight: Promise<void> | undefined;
  // Where the load's time goes: preparing rows here, or waiting for PostgreSQL to take them.
  let preparing = 0;
  let waiting = 0;
  for (const batch of batches(eventsInTimeOrder(network), CAPTURE_LIMITS.maxEvents)) {
    const prepared = Date.now();
    const rows = captureRows(batch, vocabulary, hash);
    const waited = Date.now();
    preparing += waited - prepared;
    await inFlight;
    waiting += Date.now() - waited;
    inFlight = insertCapture(client, rows);
    inserted += batch.length;
    if (inserted >= nextReport) {
      const seconds = (Date.now() - migrated) / 1000;
      log(
        `  ${inserted} events in ${seconds.toFixed(0)} s (${(inserted / seconds).toFixed(0)}/s; hashing and indexing ${(preparing / 1000).toFixed(0)} s, waiting for inserts ${(waiting / 1000).toFixed(0)} s)`,
      );
      nextReport += network.events / 10;
    }
  }
  await inFlight;
  if (inserted !== network.events) {
    throw new Error(`generated ${inserted} events, planned ${network.events}`);
  }
  const loaded = Date.now();

  await restore(client, saved);
  const after = await indexDefinitions(client, schema);
  if (JSON.stringify(after) !== JSON.stringify(saved)) {
    throw new Error('rebuilt indexes differ from the migrations’ definitions');
  }
  const indexed = Date.now();
  for (const table of TABLES) await client.query(`VACUUM (ANALYZE) ${table}`);
  await client.query(`ANALYZE capture_job`);
  const vacuumed = Date.now();
  const seconds = (from: number, to: number) => Math.round((to - from) / 100) / 10;
  log(
    `  loaded in ${seconds(migrated, loaded)} s, indexes ${seconds(loaded, indexed)} s, vacuum ${seconds(indexed, vacuumed)} s`,
  );
  return {
    totalSeconds: seconds(started, vacuumed),
    sizingSeconds: 0,
    migrateSeconds: seconds(started, migrated),
    loadSeconds: seconds(migrated, loaded),
    indexSeconds: seconds(loaded, indexed),
    vacuumSeconds: seconds(indexed, vacuumed),
    eventsPerSecond: Math.round(network.events / ((vacuumed - started) / 1000)),
  };
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function epcisDocument(eventList: EpcisEvent[]): Record<string, unknown> {
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: { eventList },
  };
}

/** The columns of one capture: EventStore.insert's, for the events CaptureService.prepare makes. */
interface CaptureRows {
  captureId: string;
  recordTime: string;
  context: string;
  ids: string[];
  hashes: string[];
  eventIDs: string[];
  types: string[];
  times: string[];
  actions: (string | null)[];
  bizSteps: (string | null)[];
  dispositions: (string | null)[];
  readPoints: (string | null)[];
  bizLocations: (string | null)[];
  documents: string[];
  identifier: { values: string[]; roles: string[]; hashes: string[] };
}

function captureRows(
  batch: EpcisEvent[],
  vocabulary: EpcisVocabulary,
  hash: HashMode,
): CaptureRows {
  const { events, context } = documentEvents(epcisDocument(batch));
  const rows: CaptureRows = {
    captureId: randomUUID(),
    recordTime: '',
    context: JSON.stringify(context),
    ids: [],
    hashes: [],
    eventIDs: [],
    types: [],
    times: [],
    actions: [],
    bizSteps: [],
    dispositions: [],
    readPoints: [],
    bizLocations: [],
    documents: [],
    identifier: { values: [], roles: [], hashes: [] },
  };
  let latest = 0;
  for (const event of events) {
    // As CaptureService.prepare: the hash is the identity, a declared eventID is kept.
    const eventHash =
      hash === 'cbv'
        ? eventHashId(event, context)
        : eventHashIdOfDigest(createHash('sha256').update(JSON.stringify(event)).digest('hex'));
    const eventID = typeof event.eventID === 'string' ? event.eventID : eventHash;
    const indexed = indexEvent(event, vocabulary);
    latest = Math.max(latest, indexed.eventTime.getTime());
    rows.ids.push(randomUUID());
    rows.hashes.push(eventHash);
    rows.eventIDs.push(eventID);
    rows.types.push(indexed.eventType);
    rows.times.push(indexed.eventTime.toISOString());
    rows.actions.push(indexed.action);
    rows.bizSteps.push(indexed.bizStep);
    rows.dispositions.push(indexed.disposition);
    rows.readPoints.push(indexed.readPoint);
    rows.bizLocations.push(indexed.bizLocation);
    rows.documents.push(JSON.stringify({ ...event, eventID }));
    for (const id of indexed.identifiers) {
      rows.identifier.values.push(id.identifier);
      rows.identifier.roles.push(id.role);
      rows.identifier.hashes.push(eventHash);
    }
  }
  // The events reach the repository a few minutes after the last of them happened.
  rows.recordTime = new Date(latest + 15 * 60_000).toISOString();
  return rows;
}

/** One capture job, its events and their identifiers: EventStore.insert's statements in one. */
async function insertCapture(client: Client, rows: CaptureRows): Promise<void> {
  await client.query(
    `WITH job AS (
       INSERT INTO capture_job (capture_id, error_behaviour, success, event_count, captured_count,
           duplicate_count, errors, created_at, finished_at)
       VALUES ($14::uuid, 'rollback', true, $15, $15, 0, '[]', $13::timestamptz, $13::timestamptz)
     ), stored AS (
       INSERT INTO epcis_event (id, event_hash, event_id, event_type, event_time, action,
           biz_step, disposition, read_point, biz_location, document, context, record_time,
           capture_id, anchor_status, capturing_organisation, capturing_party)
       SELECT u.*, $12::jsonb, $13::timestamptz, $14::uuid, 'pending', $19, $20
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                     $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[]) AS u
       ON CONFLICT DO NOTHING
       RETURNING seq, event_hash
     )
     INSERT INTO epcis_event_identifier (identifier, role, event_seq)
     SELECT i.identifier, i.role, s.seq
       FROM unnest($16::text[], $17::text[], $18::text[]) AS i (identifier, role, event_hash)
       JOIN stored s USING (event_hash)`,
    [
      rows.ids,
      rows.hashes,
      rows.eventIDs,
      rows.types,
      rows.times,
      rows.actions,
      rows.bizSteps,
      rows.dispositions,
      rows.readPoints,
      rows.bizLocations,
      rows.documents,
      rows.context,
      rows.recordTime,
      rows.captureId,
      rows.ids.length,
      rows.identifier.values,
      rows.identifier.roles,
      rows.identifier.hashes,
      BENCH_AUTHOR.organisation,
      BENCH_AUTHOR.party,
    ],
  );
}

interface Definitions {
  /** Primary keys (but epcis_event's), unique and foreign keys: ALTER TABLE … ADD CONSTRAINT. */
  constraints: { table: string; name: string; type: string; definition: string }[];
  /** Plain indexes: CREATE INDEX statements. */
  indexes: { name: string; definition: string }[];
}

async function indexDefinitions(client: Client, schema: string): Promise<Definitions> {
  const constraints = await client.query<{
    table: string;
    name: string;
    type: string;
    definition: string;
  }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS type,
            pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.connamespace = $1::regnamespace AND c.contype IN ('p', 'u', 'f')
        AND c.conrelid::regclass::text = ANY($2::text[]) AND c.conname <> 'epcis_event_pkey'
      ORDER BY c.conname`,
    [schema, TABLES],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = $1 AND tablename = ANY($2::text[])
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = $1::regnamespace)
      ORDER BY indexname`,
    [schema, TABLES],
  );
  return { constraints: constraints.rows, indexes: indexes.rows };
}

async function dropForLoad(client: Client, saved: Definitions): Promise<void> {
  const byType = (type: string) => saved.constraints.filter((c) => c.type === type);
  for (const c of [...byType('f'), ...byType('u'), ...byType('p')]) {
    await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  }
  for (const index of saved.indexes) await client.query(`DROP INDEX ${index.name}`);
}

async function restore(client: Client, saved: Definitions): Promise<void> {
  const byType = (type: string) => saved.constraints.filter((c) => c.type === type);
  for (const c of [...byType('p'), ...byType('u')]) {
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.definition}`);
  }
  for (const index of saved.indexes) await client.query(index.definition);
  for (const c of byType('f')) {
    await client.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.definition}`);
  }
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
