/**
 * Recall trace on a large EPCIS repository (target: p95 ≤ 100 ms for a
 * forward and a backward trace at depth ≥ 8, at 10M events).
 *   npm run bench:trace                              1M events (default)
 *   BENCH_EVENTS=10000000 npm run bench:trace        10M events
 * Needs the stack's PostgreSQL (`npm run stack:up`). The dataset, a soybean →
 * tofu supply network (bench/support/supply-network.ts), is written straight
 * into the schema bench_trace_<events> of the traceability database with the
 * service's migrations and kept for the next run. The traceability service
 * runs in this process on that schema (DATABASE_MIGRATIONS=verify) and is
 * asked over HTTP, one request at a time, as Org1's packer with a bearer
 * token (verified on every request, as in production; the generated network
 * is Org1's own capture): GET /trace backward from lots sold in stores,
 * forward from farm harvest lots, and GET /recall of harvest lots.
 * It serves HTTP only, not its Kafka handlers (a bench must not join the
 * service's consumer group and take other runs' anchor-committed messages);
 * its relay is an idle stand-in and its ledger gateway is absent; none is on
 * the trace path.
 */
import 'reflect-metadata';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { NEST_APP_OPTIONS, configureHttpApp, fastifyAdapter, listen } from '@pujiang/http';
import { LedgerGateway } from '@pujiang/ledger-client';
import { OutboxRelay } from '@pujiang/messaging';
import { withSessionSettings } from '@pujiang/persistence';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { AppModule } from '../services/traceability/src/app.module';
import { TRACEABILITY_SESSION_SETTINGS } from '../services/traceability/src/persistence/session-settings';
import { RecallReport } from '../services/traceability/src/epcis/trace/domain/recall';
import { TraceGraph } from '../services/traceability/src/epcis/trace/domain/trace';
import { serviceEnv, stackEnv } from '../test/support/stack-env';
import { percentile, timed } from './stats';
import { packerHeaders } from './support/bench-token';
import { ExplainResult, jitMs, planAccess, planLines } from './support/plan-summary';
import {
  CyclePlan,
  LotRef,
  Random,
  SupplyNetwork,
  cyclePlan,
  networkParameters,
} from './support/supply-network';
import {
  Dataset,
  GenerationTimes,
  HashMode,
  ensureDataset,
  schemaUrl,
} from './support/trace-dataset';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const TRACES = Number(process.env.BENCH_TRACES ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const PROFILED = Number(process.env.BENCH_PROFILED ?? 30);
const MAX_DEPTH = 16;
/** The service's CBV 2.0 hash up to 3M events; above, a fast SHA-256 of the JSON (BENCH_HASH=cbv|fast). */
const HASH: HashMode =
  process.env.BENCH_HASH === 'cbv' || process.env.BENCH_HASH === 'fast'
    ? process.env.BENCH_HASH
    : EVENTS > 3_000_000
      ? 'fast'
      : 'cbv';
const TARGET_P95_MS = 100;
const TARGET_DEPTH = 8;
const TARGET_10M_GENERATION_S = 25 * 60;

type Direction = 'backward' | 'forward';

interface Timed {
  ms: number;
  body: string;
}

interface Series {
  name: string;
  ms: number[];
  nodes: number[];
  edges: number[];
  depths: number[];
  truncated: number;
}

interface Recorded {
  sql: string;
  parameters: unknown[];
  ms: number;
  rows: number;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function startTraceability(databaseUrl: string): Promise<{
  app: NestFastifyApplication;
  url: string;
}> {
  Object.assign(process.env, serviceEnv('traceability', 0), {
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    DATABASE_MIGRATIONS: 'verify',
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(OutboxRelay)
    .useValue({})
    .overrideProvider(LedgerGateway)
    .useValue({})
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    fastifyAdapter({ bodyLimit: 1024 * 1024 }),
    NEST_APP_OPTIONS,
  );
  configureHttpApp(app);
  const url = await listen(app, 0, '127.0.0.1');
  return { app, url: url.replace('[::1]', '127.0.0.1') };
}

/** Org1's packer's token, presented with every request (set once the service is up). */
let packer: { authorization: string } | undefined;

/** The whole response, read; parsing it is the client's business, not the service's latency. */
async function get(url: string): Promise<Timed> {
  const [body, ms] = await timed(async () => {
    const res = await fetch(url, { headers: packer });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 300)}`);
    return text;
  });
  return { ms, body };
}

const lotQuery = (lot: LotRef) => `gtin=${lot.gtin}&lot=${encodeURIComponent(lot.lot)}`;
const traceUrl = (base: string, lot: LotRef, direction: Direction) =>
  `${base}/trace?${lotQuery(lot)}&direction=${direction}&maxDepth=${MAX_DEPTH}`;
const recallUrl = (base: string, lot: LotRef) =>
  `${base}/recall?${lotQuery(lot)}&maxDepth=${MAX_DEPTH}`;

function identifierDepth(graph: TraceGraph): number {
  return Math.max(0, ...graph.nodes.filter((n) => n.kind === 'identifier').map((n) => n.depth));
}

async function traceSeries(
  name: string,
  base: string,
  lots: readonly LotRef[],
  direction: Direction,
): Promise<Series> {
  const series: Series = { name, ms: [], nodes: [], edges: [], depths: [], truncated: 0 };
  for (const lot of lots) {
    const { ms, body } = await get(traceUrl(base, lot, direction));
    const graph = JSON.parse(body) as TraceGraph;
    series.ms.push(ms);
    series.nodes.push(graph.nodes.length);
    series.edges.push(graph.edges.length);
    series.depths.push(identifierDepth(graph));
    if (graph.truncated) series.truncated++;
  }
  return series;
}

async function recallSeries(
  base: string,
  lots: readonly LotRef[],
): Promise<{ ms: number[]; reports: RecallReport[] }> {
  const ms: number[] = [];
  const reports: RecallReport[] = [];
  for (const lot of lots) {
    const response = await get(recallUrl(base, lot));
    ms.push(response.ms);
    reports.push(JSON.parse(response.body) as RecallReport);
  }
  return { ms, reports };
}

/** Random lots of random cycles; the generator is deterministic, so no read-back is needed. */
function sampleLots(
  network: SupplyNetwork,
  count: number,
  seed: number,
  lotsOf: (plan: CyclePlan) => LotRef[],
): LotRef[] {
  const rng = new Random(seed);
  return Array.from({ length: count }, () => {
    const lots = lotsOf(cyclePlan(network, rng.int(0, network.cycles - 1)));
    const lot = lots[rng.int(0, lots.length - 1)];
    if (lot === undefined) throw new Error('a cycle without lots');
    return lot;
  });
}

/** Records what the service asks the database, and how long each statement takes. */
function recordQueries(dataSource: DataSource): { take: () => Recorded[]; stop: () => void } {
  const original = dataSource.query.bind(dataSource);
  let recorded: Recorded[] = [];
  dataSource.query = async <T>(
    sql: string,
    parameters?: unknown[],
    runner?: QueryRunner,
  ): Promise<T> => {
    const [result, ms] = await timed(() => original<T>(sql, parameters, runner));
    recorded.push({
      sql,
      parameters: parameters ?? [],
      ms,
      rows: Array.isArray(result) ? result.length : 0,
    });
    return result;
  };
  return {
    take: () => {
      const taken = recorded;
      recorded = [];
      return taken;
    },
    stop: () => {
      Reflect.deleteProperty(dataSource, 'query');
    },
  };
}

interface Profile {
  direction: Direction;
  dbShare: number;
  queriesPerTrace: number;
  levels: { ms: number; rows: number }[];
  /** The statement that returned the most events: the level with the most database work. */
  largest: Recorded;
  /** Every statement of the trace with the median time, to explain level by level. */
  median: Recorded[];
}

/** A few traces again with every statement timed: the database's share, level by level. */
async function profile(
  base: string,
  recorder: ReturnType<typeof recordQueries>,
  lots: readonly LotRef[],
  direction: Direction,
): Promise<Profile> {
  let total = 0;
  let db = 0;
  let queries = 0;
  const levels: { ms: number; rows: number; n: number }[] = [];
  const traces: { ms: number; statements: Recorded[] }[] = [];
  let largest: Recorded | undefined;
  recorder.take();
  for (const lot of lots) {
    const { ms } = await get(traceUrl(base, lot, direction));
    const recorded = recorder.take();
    traces.push({ ms, statements: recorded });
    total += ms;
    queries += recorded.length;
    recorded.forEach((statement, level) => {
      db += statement.ms;
      const entry = (levels[level] ??= { ms: 0, rows: 0, n: 0 });
      entry.ms += statement.ms;
      entry.rows += statement.rows;
      entry.n++;
      if (largest === undefined || statement.rows > largest.rows) largest = statement;
    });
  }
  traces.sort((x, y) => x.ms - y.ms);
  const median = traces[Math.floor(traces.length / 2)]?.statements;
  if (largest === undefined || median === undefined) throw new Error('no statement recorded');
  return {
    direction,
    dbShare: db / total,
    queriesPerTrace: queries / lots.length,
    levels: levels.map((l) => ({ ms: l.ms / l.n, rows: l.rows / l.n })),
    largest,
    median,
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of each statement on one connection with the service's session
 * settings, each run twice (warm catalog caches).
 */
async function explain(databaseUrl: string, statements: Recorded[]): Promise<ExplainResult[]> {
  const client = new Client({
    connectionString: withSessionSettings(databaseUrl, TRACEABILITY_SESSION_SETTINGS),
  });
  await client.connect();
  try {
    const results: ExplainResult[] = [];
    for (const statement of statements) {
      const run = () =>
        client.query<{ 'QUERY PLAN': ExplainResult[] }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`,
          statement.parameters,
        );
      await run();
      const { rows } = await run();
      const result = rows[0]?.['QUERY PLAN'][0];
      if (result === undefined) throw new Error('EXPLAIN returned no plan');
      results.push(result);
    }
    return results;
  } finally {
    await client.end();
  }
}

interface ServerFacts {
  version: string;
  settings: Record<string, string>;
  tables: { name: string; total: number; heap: number; indexes: number }[];
}

async function serverFacts(databaseUrl: string, schema: string): Promise<ServerFacts> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const version = await client.query<{ server_version: string }>(`SHOW server_version`);
    const settings = await client.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings
        WHERE name IN ('shared_buffers', 'effective_cache_size', 'work_mem', 'random_page_cost',
                       'jit', 'max_parallel_workers_per_gather')
        ORDER BY name`,
    );
    const tables = await client.query<{
      name: string;
      total: string;
      heap: string;
      indexes: string;
    }>(
      `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS total,
              pg_relation_size(c.oid) AS heap, pg_indexes_size(c.oid) AS indexes
         FROM pg_class c
        WHERE c.relnamespace = $1::regnamespace
          AND c.relname IN ('epcis_event', 'epcis_event_identifier', 'capture_job')
        ORDER BY pg_total_relation_size(c.oid) DESC`,
      [schema],
    );
    return {
      version: version.rows[0]?.server_version ?? 'unknown',
      settings: Object.fromEntries(settings.rows.map((r) => [r.name, r.setting])),
      tables: tables.rows.map((t) => ({
        name: t.name,
        total: Number(t.total),
        heap: Number(t.heap),
        indexes: Number(t.indexes),
      })),
    };
  } finally {
    await client.end();
  }
}

const n = (value: number, digits = 0) =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mean = (values: readonly number[]) =>
  values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const line = (name: string, value: string, against = '') =>
  `${name.padEnd(46)} ${value.padEnd(44)} ${against}`.trimEnd();
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function latencyLine(name: string, ms: readonly number[]): string {
  const p95 = percentile(ms, 95);
  return line(
    name,
    `p50 ${percentile(ms, 50).toFixed(1)} · p95 ${p95.toFixed(1)} · p99 ${percentile(ms, 99).toFixed(1)} ms (n=${ms.length})`,
    `target p95 ≤ ${TARGET_P95_MS} ms: ${verdict(p95 <= TARGET_P95_MS)}`,
  );
}

function graphLine(series: Series, queries: number): string {
  const low = Math.min(...series.depths);
  const high = Math.max(...series.depths);
  return line(
    '  graph',
    `${n(mean(series.nodes))} nodes, ${n(mean(series.edges))} edges (mean); depth ${low}–${high}`,
    `target depth ≥ ${TARGET_DEPTH}: ${verdict(low >= TARGET_DEPTH)}; ${queries.toFixed(1)} queries/trace; truncated ${series.truncated}`,
  );
}

/** Where the load's and the index builds' time went, when the generation recorded it. */
function generationSplit(generation: GenerationTimes): string[] {
  const { load, builds, buildCpu } = generation;
  const lines: string[] = [];
  const cores = (x: number) => x.toFixed(2);
  if (load !== undefined) {
    lines.push(
      `#   load ${load.seconds} s with ${load.generators} generator thread(s), wall time in them: generating ${load.generatingSeconds} s${load.walkingSeconds > 0 ? ` (+ ${load.walkingSeconds} s walking others' steps)` : ''}, hashing ${load.hashingSeconds} s, building rows ${load.buildingSeconds} s; the loader waited for PostgreSQL ${load.waitingForPostgresSeconds} s, for the generators ${load.waitingForGeneratorsSeconds} s`,
      ...(load.cpu === undefined
        ? []
        : [
            `#   load CPU: generator threads ${load.generatorCpuSeconds} s, COPY backends ${load.postgresCpuSeconds} s; cores busy: machine ${cores(load.cpu.machine)} of ${load.cpu.cores}, this process ${cores(load.cpu.server)}, COPY backends ${cores(load.cpu.postgres)} (the rest is other work on the machine)`,
          ]),
    );
  }
  if (builds !== undefined) {
    const each = Object.entries(builds)
      .sort(([, x], [, y]) => y - x)
      .map(([name, seconds]) => `${name} ${seconds}`)
      .join(', ');
    lines.push(`#   index builds (s, ${INDEX_SESSIONS_NOTE}): ${each}`);
  }
  if (buildCpu !== undefined) {
    lines.push(
      `#   index builds, cores busy: machine ${cores(buildCpu.machine)} of ${buildCpu.cores}, building backends ${cores(buildCpu.postgres)}`,
    );
  }
  return lines;
}

const INDEX_SESSIONS_NOTE = `${process.env.BENCH_INDEX_SESSIONS ?? 2} at a time`;

function header(dataset: Dataset, facts: ServerFacts): string[] {
  const { network, generation } = dataset;
  const s = facts.settings;
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const serviceSessions = Object.entries(TRACEABILITY_SESSION_SETTINGS)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return [
    `# recall-trace benchmark (npm run bench:trace; BENCH_EVENTS=${EVENTS})`,
    `# ${new Date().toISOString()} · nproc ${availableParallelism()} · ${gib(totalmem())} RAM · load ${load} · node ${process.version}`,
    `# PostgreSQL ${facts.version} · shared_buffers ${s.shared_buffers} · effective_cache_size ${s.effective_cache_size} · work_mem ${s.work_mem} · random_page_cost ${s.random_page_cost} · jit ${s.jit} (the service's sessions: ${serviceSessions})`,
    `# dataset ${dataset.schema}: ${n(dataset.events)} events, ${n(dataset.identifiers)} identifier rows; ${n(network.cycles)} co-op lots from ${n(network.harvestLots)} harvest lots (${network.parameters.coops} co-ops × ${n(network.farmsPerCoop)} farms) to ${n(network.soldLots)} consumer lots sold in ${network.parameters.stores} stores`,
    ...facts.tables.map(
      (t) =>
        `# table ${t.name}: ${gib(t.total)} (heap ${gib(t.heap)}, indexes ${gib(t.indexes)}, rest TOAST/FSM/VM)`,
    ),
    `# event_hash: ${dataset.hash === 'cbv' ? 'libs/epcis eventHashId (CBV 2.0), as the capture computes it' : 'SHA-256 of the event JSON in the ni: form (fast, unique; not the CBV 2.0 hash)'}`,
    `# generation ${dataset.reused ? '(recorded when the schema was made; reused this run)' : '(this run)'}: ${n(generation.totalSeconds, 1)} s = ${n(generation.eventsPerSecond)} events/s (sizing ${generation.sizingSeconds} s, migrations ${generation.migrateSeconds} s, load ${generation.loadSeconds} s, indexes ${generation.indexSeconds} s, vacuum+analyze ${generation.vacuumSeconds} s)`,
    ...generationSplit(generation),
  ];
}

async function main(): Promise<void> {
  const baseUrl = stackEnv().TRACEABILITY_DATABASE_URL;
  if (baseUrl === undefined)
    throw new Error('TRACEABILITY_DATABASE_URL missing from the stack env');
  const dataset = await ensureDataset(baseUrl, networkParameters(EVENTS), HASH, log);
  const { network } = dataset;
  const databaseUrl = schemaUrl(baseUrl, dataset.schema);
  const facts = await serverFacts(databaseUrl, dataset.schema);
  const service = await startTraceability(databaseUrl);
  packer = await packerHeaders();
  try {
    const base = service.url;
    const sold = sampleLots(network, TRACES, 1, (plan) => plan.soldLots);
    const farmForward = sampleLots(network, TRACES, 2, (plan) => plan.harvestLots);
    const farmRecall = sampleLots(network, TRACES, 3, (plan) => plan.harvestLots);
    log(`service on ${base}; warming up with ${WARMUP} lots of each kind`);
    for (const lot of sampleLots(network, WARMUP, 4, (plan) => plan.soldLots)) {
      await get(traceUrl(base, lot, 'backward'));
    }
    for (const lot of sampleLots(network, WARMUP, 5, (plan) => plan.harvestLots)) {
      await get(traceUrl(base, lot, 'forward'));
      await get(recallUrl(base, lot));
    }

    log(`timing ${TRACES} backward traces, ${TRACES} forward traces, ${TRACES} recalls`);
    const backward = await traceSeries('backward', base, sold, 'backward');
    const forward = await traceSeries('forward', base, farmForward, 'forward');
    const recall = await recallSeries(base, farmRecall);

    log(`profiling ${PROFILED} traces of each direction statement by statement`);
    const recorder = recordQueries(service.app.get(DataSource));
    const profiles = [
      await profile(base, recorder, sold.slice(0, PROFILED), 'backward'),
      await profile(base, recorder, farmForward.slice(0, PROFILED), 'forward'),
    ];
    recorder.stop();
    const explained: { largest: ExplainResult; levels: ExplainResult[] }[] = [];
    for (const p of profiles) {
      const [largest] = await explain(databaseUrl, [p.largest]);
      const levels = await explain(databaseUrl, p.median);
      if (largest !== undefined) explained.push({ largest, levels });
    }

    const generation = dataset.generation;
    const perTenMillion = (generation.totalSeconds * 10_000_000) / dataset.events;
    const lines = [
      ...header(dataset, facts),
      '',
      line('figure', 'value', 'against'),
      latencyLine('trace backward from a sold consumer lot', backward.ms),
      graphLine(backward, profiles[0]?.queriesPerTrace ?? Number.NaN),
      latencyLine('trace forward from a farm harvest lot', forward.ms),
      graphLine(forward, profiles[1]?.queriesPerTrace ?? Number.NaN),
      latencyLine('recall of a farm harvest lot', recall.ms),
      line(
        '  report',
        `${n(mean(recall.reports.map((r) => r.downstreamLots.length)), 1)} downstream lots, ${n(mean(recall.reports.map((r) => r.eventCount)))} events, ${n(mean(recall.reports.map((r) => r.places.length)))} places, ${n(mean(recall.reports.map((r) => r.parties.length)))} parties (mean)`,
        `truncated ${recall.reports.filter((r) => r.truncated).length}`,
      ),
      line(
        `generation of ${n(dataset.events)} events`,
        `${n(generation.totalSeconds / 60, 1)} min; linear to 10M: ${n(perTenMillion / 60, 1)} min`,
        `10M within ${TARGET_10M_GENERATION_S / 60} min: ${dataset.events >= 10_000_000 ? verdict(generation.totalSeconds <= TARGET_10M_GENERATION_S) : verdict(perTenMillion <= TARGET_10M_GENERATION_S) + ' (extrapolated)'}`,
      ),
    ];
    profiles.forEach((p, i) => {
      const plans = explained[i];
      if (plans === undefined) return;
      const { largest, levels } = plans;
      const access = planAccess(largest);
      const sum = (pick: (r: ExplainResult) => number) => levels.reduce((t, r) => t + pick(r), 0);
      lines.push(
        line(
          `${p.direction}: database share of the request`,
          `${(p.dbShare * 100).toFixed(0)} % over ${PROFILED} traces (statement round trips)`,
          `levels (mean ms/events): ${p.levels.map((l, level) => `${level + 1}:${l.ms.toFixed(1)}/${l.rows.toFixed(0)}`).join(' ')}`,
        ),
        line(
          `${p.direction}: median trace, EXPLAIN ANALYZE`,
          `${levels.length} statements: ${sum((r) => r['Execution Time']).toFixed(2)} ms exec (JIT ${sum(jitMs).toFixed(2)}) + ${sum((r) => r['Planning Time']).toFixed(2)} ms plan`,
          `buffers hit ${n(sum((r) => r.Plan['Shared Hit Blocks'] ?? 0))} read ${n(sum((r) => r.Plan['Shared Read Blocks'] ?? 0))} (8 KiB pages)`,
        ),
        line(
          `${p.direction}: largest level, EXPLAIN ANALYZE`,
          `${largest['Execution Time'].toFixed(2)} ms exec (JIT ${jitMs(largest).toFixed(2)}) + ${largest['Planning Time'].toFixed(2)} ms plan (${p.largest.ms.toFixed(1)} ms as the service ran it)`,
          `frontier ${frontierSize(p.largest)} ids → ${p.largest.rows} events; indexes ${access.indexes.join(', ')}${access.seqScans.length > 0 ? `; SEQ SCAN ${access.seqScans.join(', ')}` : ''}`,
        ),
        ...planLines(largest).map((l) => `    ${l}`),
      );
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await service.app.close();
  }
}

function frontierSize(statement: Recorded): number {
  const first = statement.parameters[0];
  return Array.isArray(first) ? first.length : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
