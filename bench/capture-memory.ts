/**
 * The traceability service's own memory while it captures (issue 23):
 *   npm run bench:capture-memory
 * Needs the stack's PostgreSQL and Kafka (`npm run stack:up postgres kafka`)
 * and the env a full `npm run stack:up` once wrote (the identity provider's
 * key, Fabric's certificates: the service reads them at start-up; it does not
 * need Fabric running to capture).
 *
 * Unlike bench:capture, which holds two service instances and the bench in
 * one process, the service here runs alone, as deployed: the nest build of
 * its main.ts, started with `node`, the flags and the variables
 * scripts/services.sh gives it (the whole stack env, its own Kafka user, Org1's client identity,
 * the master-data prefixes; its own rate limits, outbox relay publishing to
 * Kafka, Kafka handlers served). Only its database URL differs: a throw-away
 * schema of the traceability database (the service runs its migrations into
 * it), dropped at the end. The load comes from another process (autocannon
 * in a child, as bench:capture), with Org1's packer's bearer token.
 *
 * The service's RSS is read from /proc/<pid>/status: VmRSS every 50 ms during
 * the documents run, and VmHWM (the kernel's high-water mark, reset through
 * /proc/<pid>/clear_refs after warm-up) at its end; then the same for one
 * 10,000-event (16 MiB) document. /metrics halfway through the documents run
 * shows where the RSS lies (V8 heap, external, array buffers).
 *   BENCH_SECONDS (20), BENCH_DOC_CONNECTIONS (10), BENCH_BUILD=0 to use dist/ as built
 */
import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CAPTURE_LIMITS } from '../services/traceability/src/epcis/capture/domain/capture-job';
import { REPO_ROOT, stackEnv } from '../test/support/stack-env';
import { packerHeaders } from './support/bench-token';
import { eventDocument } from './support/epcis-events';
import { LoadResult, runLoad } from './support/load';
import { cpuNote, figure, fmt, machineHeader } from './support/machine';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const DOC_CONNECTIONS = Number(process.env.BENCH_DOC_CONNECTIONS ?? 10);
const PER_DOCUMENT = 100;
const DOCUMENT_RSS_GOAL_MB = 400;
const LARGE_DOCUMENT_RSS_GOAL_MB = 1024;
const RESULTS = join(REPO_ROOT, '.stack', 'test-results', 'bench');
const MAIN_JS = join(REPO_ROOT, 'dist/services/traceability/services/traceability/src/main.js');
const LD_TYPE = { 'content-type': 'application/ld+json' };

const out = (...lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MB`;
const load1 = () => `load average ${loadavg()[0]?.toFixed(2)}`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

interface RunningService {
  url: string;
  pid: number;
  schema: string;
  child: ChildProcess;
}

/** VmRSS and VmHWM of a process, in bytes. */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
}

/** What the RSS is made of (/proc/<pid>/smaps_rollup): private memory, and files mapped (the node binary). */
async function rssKinds(pid: number): Promise<string> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1]);
  return `anonymous ${mb(kib('Anonymous') * 1024)}, file-backed ${mb((kib('Rss') - kib('Anonymous')) * 1024)}`;
}

/** utime + stime of a process, seconds (USER_HZ 100). */
async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts the kernel's high-water mark again from the current RSS. */
async function resetHighWaterMark(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5');
}

/** The highest VmRSS sampled while `work` runs, and VmHWM at its end (since the last reset). */
async function peakRss<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; sampled: number; hwm: number }> {
  await resetHighWaterMark(pid);
  let sampled = (await memoryOf(pid)).rss;
  let sampling = Promise.resolve();
  const sampler = setInterval(() => {
    sampling = memoryOf(pid).then(
      ({ rss }) => void (sampled = Math.max(sampled, rss)),
      () => undefined,
    );
  }, 50);
  try {
    const result = await work();
    await sampling;
    return { result, sampled, hwm: (await memoryOf(pid)).hwm };
  } finally {
    clearInterval(sampler);
  }
}

/** Traceability's line of the one list of Node flags the image and scripts/services.sh use. */
async function deployedNodeFlags(): Promise<string> {
  const list = await readFile(join(REPO_ROOT, 'scripts/k8s/node-flags'), 'utf8');
  const line = list.split('\n').find((l) => l.startsWith('traceability '));
  if (line === undefined) throw new Error('scripts/k8s/node-flags has no line for traceability');
  return line.slice('traceability '.length);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** What scripts/services.sh start_one exports for traceability (org 1), on another port and schema. */
function deployedEnv(env: Record<string, string>, port: number, databaseUrl: string) {
  const pick = (key: string) => {
    const value = env[key];
    if (value === undefined) throw new Error(`${key} missing from the stack env`);
    return value;
  };
  return {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    KAFKA_SASL_USERNAME: pick('KAFKA_TRACEABILITY_USERNAME'),
    KAFKA_SASL_PASSWORD_FILE: pick('KAFKA_TRACEABILITY_PASSWORD_FILE'),
    FABRIC_MSP_ID: pick('FABRIC_ORG1_MSP_ID'),
    FABRIC_PEER_ENDPOINT: pick('FABRIC_ORG1_PEER_ENDPOINT'),
    FABRIC_PEER_HOST_ALIAS: pick('FABRIC_ORG1_PEER_HOST_ALIAS'),
    FABRIC_TLS_CA_CERT: pick('FABRIC_ORG1_TLS_CA_CERT'),
    FABRIC_CLIENT_CERT: pick('FABRIC_ORG1_CLIENT_CERT'),
    FABRIC_CLIENT_KEY: pick('FABRIC_ORG1_CLIENT_KEY'),
    MASTER_DATA_COMPANY_PREFIXES:
      process.env.MASTER_DATA_COMPANY_PREFIXES ?? 'Org1MSP:952012|4012345,Org2MSP:0614141',
  };
}

async function startService(db: Client, env: Record<string, string>): Promise<RunningService> {
  if (process.env.BENCH_BUILD !== '0') {
    const build = spawnSync('npx', ['nest', 'build', 'traceability'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error(`nest build traceability exited with ${build.status}`);
  }
  const schema = `bench_memory_${randomBytes(4).toString('hex')}`;
  await db.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(env.TRACEABILITY_DATABASE_URL ?? '');
  url.searchParams.set('options', `-c search_path=${schema}`);
  // So the bench finds the service's backends (their CPU).
  url.searchParams.set('application_name', schema);
  const port = await freePort();
  await mkdir(RESULTS, { recursive: true });
  const log = createWriteStream(join(RESULTS, 'capture-memory-service.log'));
  // As scripts/services.sh and the image start it (scripts/k8s/node-flags, decision 0045);
  // BENCH_SERVICE_NODE_FLAGS instead, to try others (--trace-gc, a heap snapshot signal).
  const flags = (process.env.BENCH_SERVICE_NODE_FLAGS ?? (await deployedNodeFlags()))
    .split(' ')
    .filter((f) => f !== '');
  const child = spawn(process.execPath, [...flags, MAIN_JS], {
    cwd: REPO_ROOT,
    env: deployedEnv(env, port, url.toString()),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the service did not start');
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the service exited with ${child.exitCode}; see ${RESULTS}`);
    }
    const ready = await fetch(`${base}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the service was not ready within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { url: base, pid, schema, child };
}

async function stopService(service: RunningService, db: Client): Promise<void> {
  if (service.child.exitCode === null) {
    const exited = new Promise((resolve) => service.child.once('exit', resolve));
    service.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
  }
  if (process.env.BENCH_KEEP_SCHEMA !== '1') {
    await db.query(`DROP SCHEMA ${service.schema} CASCADE`);
  }
}

/** The service's own view of its memory, from its /metrics (prom-client's process defaults). */
async function heapNote(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`).catch(() => undefined);
  if (res?.ok !== true) return 'no /metrics';
  const text = await res.text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]);
  return [
    `RSS ${mb(value('process_resident_memory_bytes'))}`,
    `V8 heap used ${mb(value('nodejs_heap_size_used_bytes'))} of ${mb(value('nodejs_heap_size_total_bytes'))}`,
    `external ${mb(value('nodejs_external_memory_bytes'))}`,
  ].join(', ');
}

async function main(): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  const env = stackEnv();
  const db = new Client({ connectionString: env.TRACEABILITY_DATABASE_URL });
  await db.connect();
  out(
    machineHeader(
      'bench:capture-memory: the traceability service alone, its RSS while it captures',
    ),
    `# run tag ${tag}; documents of ${PER_DOCUMENT} events for ${SECONDS} s over ${DOC_CONNECTIONS} connections from another process`,
  );
  const service = await startService(db, env);
  try {
    const started = await memoryOf(service.pid);
    const startedKinds = await rssKinds(service.pid);
    const startedHeap = await heapNote(service.url);
    const auth = await packerHeaders();
    const documents = (prefix: string, seconds: number) =>
      runLoad(
        {
          url: service.url,
          method: 'POST',
          path: '/capture',
          headers: { ...auth, ...LD_TYPE },
          body: { kind: 'document', tag: `${prefix}${tag}`, events: PER_DOCUMENT },
          connections: DOC_CONNECTIONS,
          seconds,
        },
        async () =>
          (
            await db.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
              [service.schema],
            )
          ).rows.map((row) => row.pid),
      );
    // Warm the service's hot paths (and its pools) before anything is measured.
    await documents('W', 3);
    const warm = await memoryOf(service.pid);
    let heap = '';
    let kinds = '';
    const serviceCpu = await cpuSecondsOf(service.pid);
    const [run] = await Promise.all([
      peakRss(service.pid, () => documents('D', SECONDS)),
      new Promise((resolve) => setTimeout(resolve, (SECONDS * 1000) / 2))
        .then(() => Promise.all([heapNote(service.url), rssKinds(service.pid)]))
        // With BENCH_SERVICE_NODE_FLAGS=--heapsnapshot-signal=SIGUSR2: what the heap holds then.
        .then((notes) => {
          if (process.env.BENCH_HEAP_SNAPSHOT === '1') service.child.kill('SIGUSR2');
          return notes;
        })
        .then(([note, rss]) => {
          heap = note;
          kinds = rss;
        }),
    ]);
    const docs: LoadResult = run.result;
    const serviceCores = ((await cpuSecondsOf(service.pid)) - serviceCpu) / docs.seconds;
    const docsLoad = load1();
    const after = await memoryOf(service.pid);
    const { rows } = await db.query<{ events: string }>(
      `SELECT count(*) AS events FROM ${service.schema}.epcis_event`,
    );
    const peak = Math.max(run.sampled, run.hwm);
    out(
      '',
      `service: pid ${service.pid}, node ${MAIN_JS.slice(REPO_ROOT.length + 1)}; RSS ${mb(started.rss)} when ready, ${mb(warm.rss)} after warm-up (VmHWM since start ${mb(warm.hwm)})`,
      `  when ready: /metrics ${startedHeap}; /proc: ${startedKinds}`,
      figure(
        'documents: accepted (2xx)',
        `${fmt(docs.okPerSecond * PER_DOCUMENT)} events/s`,
        `p50 ${docs.latency.p50.toFixed(1)} ms, p99 ${docs.latency.p99.toFixed(1)} ms per document; non-2xx ${docs.non2xx}, socket errors ${docs.errors}`,
      ),
      `  ${cpuNote({ ...docs.cpu, server: serviceCores })}`,
      figure(
        '  events stored / acknowledged',
        `${fmt(Number(rows[0]?.events))} / ${fmt(docs.ok * PER_DOCUMENT)}`,
        'warm-up included in the stored count',
      ),
      figure(
        '  service RSS, documents run: peak',
        mb(peak),
        `VmHWM ${mb(run.hwm)}, highest VmRSS sampled ${mb(run.sampled)}, ${mb(after.rss)} after; issue 23, ≤ ${DOCUMENT_RSS_GOAL_MB} MB: ${met(peak <= DOCUMENT_RSS_GOAL_MB * 2 ** 20)}`,
      ),
      `  halfway, the service's /metrics: ${heap}; /proc: ${kinds}`,
      `  (${docsLoad} at the end of the documents run)`,
    );

    const events = CAPTURE_LIMITS.maxEvents;
    // Pretty-printed, as exporters often send them (as bench:capture): 16 MiB.
    const body = JSON.stringify(eventDocument(`L${tag}`, 0, events), null, 3);
    const before = await memoryOf(service.pid);
    const large = await peakRss(service.pid, async () => {
      const began = performance.now();
      const res = await fetch(`${service.url}/capture`, {
        method: 'POST',
        headers: { ...auth, ...LD_TYPE },
        body,
      });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - began };
    });
    const largePeak = Math.max(large.sampled, large.hwm);
    out(
      '',
      `one document of ${fmt(events)} events (${mb(Buffer.byteLength(body))}), captured alone (${load1()})`,
      figure('  answer', `${large.result.status} in ${fmt(large.result.ms)} ms`),
      figure(
        '  service RSS: peak',
        mb(largePeak),
        `VmHWM ${mb(large.hwm)}, highest VmRSS sampled ${mb(large.sampled)}, ${mb(before.rss)} before; issue 23, < ${LARGE_DOCUMENT_RSS_GOAL_MB} MB: ${met(large.result.status === 202 && largePeak < LARGE_DOCUMENT_RSS_GOAL_MB * 2 ** 20)}`,
      ),
    );
  } finally {
    await stopService(service, db);
    await db.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
