/**
 * Writes a generated supply network into a throw-away schema of the
 * traceability database, exactly as the capture would have stored it: the
 * service's own migrations make the tables, each event goes through the
 * service's own hash (libs/epcis eventHashId over documentEvents' context;
 * or, with hash `fast`, a SHA-256 of the event's JSON in the same `ni:` form,
 * unique but not the CBV 2.0 hash, when the canonical hash is too slow for
 * 10M on two cores) and index (indexEvent with EpcisVocabulary), and the rows are the columns
 * EventStore.insert writes (`pending`, one capture job per document of
 * CAPTURE_LIMITS.maxEvents events, record_time = the job's finish): see
 * trace-rows.ts. The outbox rows a capture also writes are left out:
 * nothing here is anchored.
 *
 * For speed (decision 0045): generator worker threads make the rows beside
 * PostgreSQL, which takes them by COPY … FREEZE into the tables truncated in
 * the same transaction (so the rows are written once, already visible to
 * all, and VACUUM has nothing to rewrite); the secondary indexes and
 * constraints are dropped while loading and rebuilt from their saved
 * definitions afterwards (checked identical), several at a time; the
 * consumer page's notification trigger is off while loading (nothing
 * listens to a schema being made; it stores nothing). Then the tables are
 * vacuumed and analysed as autovacuum would leave an insert-only table. A
 * schema whose marker and row count match is reused.
 */
import { MESSAGING_ENTITIES } from '@pujiang/messaging';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CAPTURE_LIMITS } from '../../services/traceability/src/epcis/capture/domain/capture-job';
import { EpcisSchema } from '../../services/traceability/src/epcis/capture/epcis-schema';
import { TRACEABILITY_MIGRATIONS } from '../../services/traceability/src/persistence/migrations';
import { NetworkParameters, SupplyNetwork, cyclePlan, supplyNetwork } from './supply-network';
import { CpuSplit, cpuMeter } from './cpu';
import { LoadTimes, loadByCopy } from './trace-copy';
import { HashMode, epcisDocument } from './trace-rows';

export type { HashMode } from './trace-rows';

/**
 * Bump when the generator changes what it writes: a stored dataset of another version is rebuilt.
 * 3: capture jobs carry their organisation, as CaptureJobStore writes them.
 */
const GENERATOR = 'soy-tofu-network/4';

const TABLES = ['epcis_event', 'epcis_event_identifier'];

/** Index builds at a time after the load (BENCH_INDEX_SESSIONS), and the memory each sorts in. */
const INDEX_SESSIONS = Number(process.env.BENCH_INDEX_SESSIONS ?? 2);
const INDEX_MEMORY = process.env.BENCH_INDEX_MEMORY ?? '1GB';

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
  /** Where the load's time went (absent in a marker written before generator 3). */
  load?: LoadTimes;
  /** Each index or constraint's build, seconds, several at a time. */
  builds?: Record<string, number>;
  /** Cores busy over the index builds: the machine, and the building backends. */
  buildCpu?: CpuSplit;
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
        // Migrations added since it was generated (the service verifies none is pending).
        await migrate(url, schema);
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
  await migrate(url, schema);
  const migrated = Date.now();

  await client.query(`SET search_path = ${schema}`);
  const saved = await indexDefinitions(client, schema);
  await dropForLoad(client, saved);
  const triggers = await insertTriggers(client);
  for (const t of triggers) await client.query(`ALTER TABLE ${t.table} DISABLE TRIGGER ${t.name}`);

  const load = await loadByCopy(url, schema, network, hash, CAPTURE_LIMITS.maxEvents, log);
  // As nextval would have left it after the last event.
  await client.query(`SELECT setval(pg_get_serial_sequence('epcis_event', 'seq'), $1)`, [
    network.events,
  ]);
  for (const t of triggers) await client.query(`ALTER TABLE ${t.table} ENABLE TRIGGER ${t.name}`);
  const loaded = Date.now();

  const { builds, cpu: buildCpu } = await restore(url, schema, saved);
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
    load,
    builds,
    buildCpu,
  };
}

/** The statement triggers that fire on insert: the consumer page's notifications. */
async function insertTriggers(client: Client): Promise<{ table: string; name: string }[]> {
  const { rows } = await client.query<{ table: string; name: string }>(
    `SELECT tgrelid::regclass::text AS table, tgname AS name FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY($1::text[])
        AND (tgtype & 4) <> 0`,
    [TABLES],
  );
  return rows;
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
        AND c.conname <> 'epcis_event_pkey'
        AND (c.conrelid::regclass::text = ANY($2::text[])
             -- Other tables' foreign keys onto these (reading_attestation's on event_hash)
             -- hold the keys they reference: they go and come back with them.
             OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY($2::text[])))
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

/**
 * Rebuilds the saved keys and indexes, several statements at a time (one
 * session each: the sort of one index takes one core). A primary or unique
 * key is built as its index, then made the constraint over that index, so
 * it does not hold its table while other indexes are built; foreign keys
 * come last. Returns each build's seconds.
 */
async function restore(
  url: string,
  schema: string,
  saved: Definitions,
): Promise<{ builds: Record<string, number>; cpu: CpuSplit }> {
  const byType = (type: string) => saved.constraints.filter((c) => c.type === type);
  const builds: { name: string; build: string; attach?: string }[] = [];
  const attachLater: string[] = [];
  for (const c of [...byType('p'), ...byType('u')]) {
    const key = /^(PRIMARY KEY|UNIQUE) \(([^()]+)\)$/.exec(c.definition);
    if (key === null) {
      attachLater.push(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.definition}`);
      continue;
    }
    builds.push({
      name: c.name,
      build: `CREATE UNIQUE INDEX ${c.name} ON ${c.table} (${key[2]})`,
      attach: `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${key[1]} USING INDEX ${c.name}`,
    });
  }
  for (const index of saved.indexes) builds.push({ name: index.name, build: index.definition });
  const seconds: Record<string, number> = {};
  const pids: number[] = [];
  const meter = cpuMeter();
  const sessions = await Promise.all(
    Array.from({ length: Math.min(INDEX_SESSIONS, builds.length) }, async () => {
      const session = new Client({ connectionString: url });
      await session.connect();
      await session.query(`SET search_path = ${schema}`);
      const { rows } = await session.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      pids.push(rows[0]?.pid ?? 0);
      await session.query(`SET maintenance_work_mem = '${INDEX_MEMORY}'`);
      // One core per session: the sessions are the parallelism.
      await session.query(`SET max_parallel_maintenance_workers = 0`);
      return session;
    }),
  );
  const queue = [...builds];
  try {
    await Promise.all(
      sessions.map(async (session) => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const began = Date.now();
          await session.query(next.build);
          seconds[next.name] = Math.round((Date.now() - began) / 100) / 10;
        }
      }),
    );
    const [first] = sessions;
    if (first === undefined) throw new Error('no index session');
    for (const b of builds) if (b.attach !== undefined) await first.query(b.attach);
    for (const statement of attachLater) await first.query(statement);
    for (const c of byType('f')) {
      await first.query(`ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.definition}`);
    }
    return { builds: seconds, cpu: meter()(pids) };
  } finally {
    await Promise.all(sessions.map((session) => session.end()));
  }
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Runs the service's pending migrations in the dataset's schema. */
async function migrate(url: string, schema: string): Promise<void> {
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
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
