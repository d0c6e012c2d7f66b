/**
 * The load of the trace dataset: generator worker threads (trace-rows-worker)
 * make each capture's rows while PostgreSQL takes the previous ones by COPY,
 * one session per table, each `COPY … FREEZE` into its table truncated in the
 * same transaction. Captures are written in their order whichever generator
 * made them, so the heap holds the events in seq (time) order as a capture
 * stream would have left it.
 */
import { once } from 'node:events';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CpuSplit, cpuMeter } from './cpu';
import { SupplyNetwork } from './supply-network';
import { EVENT_COLUMNS, HashMode, IDENTIFIER_COLUMNS, JOB_COLUMNS } from './trace-rows';
import { GeneratorData, GeneratorMessage, Taken } from './trace-rows-worker';

/**
 * Generator threads (BENCH_GENERATORS), and captures each may make ahead of the load.
 * Two: at 1M events on the shared 2-core machine, the load took 141.6 s with two against
 * 176.2 s for main's single loop, and the generators, not PostgreSQL, were what it waited for.
 */
const GENERATORS = Math.max(1, Number(process.env.BENCH_GENERATORS ?? 2));
const AHEAD = 3;

/** Seconds; the generators' figures are thread time summed over the generators. */
export interface LoadTimes {
  generators: number;
  seconds: number;
  /** Making the events (the network's plans, their merge into time order, each event's object). */
  generatingSeconds: number;
  /** Steps walked past by a generator for another's captures (several generators only). */
  walkingSeconds: number;
  hashingSeconds: number;
  /** Index columns, identifiers, JSON and COPY text. */
  buildingSeconds: number;
  /** The loader waiting for PostgreSQL to take what it sent (COPY back-pressure and commit). */
  waitingForPostgresSeconds: number;
  /** The loader waiting for the next capture from the generators. */
  waitingForGeneratorsSeconds: number;
  /** CPU seconds of the generator threads (their own clocks), and of the COPY backends. */
  generatorCpuSeconds: number;
  postgresCpuSeconds: number;
  /** Cores busy over the load: the whole machine (other work too), this process, the COPY backends. */
  cpu?: CpuSplit;
}

interface CopySession {
  client: Client;
  /** Its backend's process, for its CPU. */
  pid: number;
  stream: Writable;
  done: Promise<unknown>;
}

async function copySession(
  url: string,
  schema: string,
  table: string,
  columns: readonly string[],
): Promise<CopySession> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`SET search_path = ${schema}`);
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  // Nothing here is acknowledged to anyone: the commit need not wait for its flush.
  await client.query(`SET synchronous_commit = off`);
  await client.query('BEGIN');
  // FREEZE needs the table made or emptied in this transaction.
  await client.query(`TRUNCATE ${table}`);
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FREEZE)`),
  );
  const done = once(stream, 'finish');
  // An error is seen where the loader awaits the stream, not as an unhandled event.
  done.catch(() => undefined);
  return { client, pid: rows[0]?.pid ?? 0, stream, done };
}

export async function loadByCopy(
  url: string,
  schema: string,
  network: SupplyNetwork,
  hash: HashMode,
  captureSize: number,
  log: (line: string) => void,
): Promise<LoadTimes> {
  const started = performance.now();
  const meter = cpuMeter();
  const sessions = {
    events: await copySession(url, schema, 'epcis_event', EVENT_COLUMNS),
    identifiers: await copySession(url, schema, 'epcis_event_identifier', IDENTIFIER_COLUMNS),
    job: await copySession(url, schema, 'capture_job', JOB_COLUMNS),
  };
  const times: LoadTimes = {
    generators: GENERATORS,
    seconds: 0,
    generatingSeconds: 0,
    walkingSeconds: 0,
    hashingSeconds: 0,
    buildingSeconds: 0,
    waitingForPostgresSeconds: 0,
    waitingForGeneratorsSeconds: 0,
    generatorCpuSeconds: 0,
    postgresCpuSeconds: 0,
    cpu: { machine: 0, cores: 0, server: 0, postgres: 0 },
  };
  const captures = Math.ceil(network.events / captureSize);
  const arrived = new Map<number, Extract<GeneratorMessage, { kind: 'capture' }>>();
  let wake: (() => void) | undefined;
  let finished = 0;
  let failure: Error | undefined;
  const workers = Array.from({ length: GENERATORS }, (_, generator) => {
    const data: GeneratorData = {
      network,
      hash,
      captureSize,
      generator,
      generators: GENERATORS,
      ahead: AHEAD,
    };
    const worker = new Worker(join(__dirname, 'trace-rows-worker.ts'), {
      workerData: data,
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      // Each capture makes some 100 MB of short-lived strings: a larger young generation
      // scavenges less often (about a tenth less CPU per event, measured at 200k events).
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
    });
    worker.on('message', (message: GeneratorMessage) => {
      if (message.kind === 'capture') {
        arrived.set(message.capture, message);
        times.generatingSeconds += message.generatingMs / 1000;
        times.hashingSeconds += message.hashingMs / 1000;
        times.buildingSeconds += message.buildingMs / 1000;
      } else {
        times.walkingSeconds += message.walkingMs / 1000;
        times.generatorCpuSeconds += message.cpuSeconds;
        finished++;
      }
      wake?.();
    });
    worker.on('error', (error: Error) => {
      failure = error;
      wake?.();
    });
    return worker;
  });

  const write = async (session: CopySession, bytes: Uint8Array) => {
    if (!session.stream.write(bytes)) {
      const began = performance.now();
      await Promise.race([once(session.stream, 'drain'), session.done]);
      times.waitingForPostgresSeconds += (performance.now() - began) / 1000;
    }
  };
  let loaded = 0;
  let nextReport = network.events / 10;
  try {
    for (let capture = 0; capture < captures; capture++) {
      let rows = arrived.get(capture);
      const began = performance.now();
      while (rows === undefined) {
        if (failure !== undefined) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        rows = arrived.get(capture);
      }
      times.waitingForGeneratorsSeconds += (performance.now() - began) / 1000;
      arrived.delete(capture);
      await write(sessions.events, rows.events);
      await write(sessions.identifiers, rows.identifiers);
      await write(sessions.job, rows.job);
      const taken: Taken = { taken: 1 };
      workers[capture % GENERATORS]?.postMessage(taken);
      loaded += rows.count;
      if (loaded >= nextReport) {
        const seconds = (performance.now() - started) / 1000;
        log(
          `  ${loaded} events in ${seconds.toFixed(0)} s (${(loaded / seconds).toFixed(0)}/s; waiting for PostgreSQL ${times.waitingForPostgresSeconds.toFixed(0)} s, for the generators ${times.waitingForGeneratorsSeconds.toFixed(0)} s)`,
        );
        nextReport += network.events / 10;
      }
    }
    if (loaded !== network.events) {
      throw new Error(`generated ${loaded} events, planned ${network.events}`);
    }
    const ending = performance.now();
    for (const session of Object.values(sessions)) session.stream.end();
    for (const session of Object.values(sessions)) {
      await session.done;
      await session.client.query('COMMIT');
    }
    times.waitingForPostgresSeconds += (performance.now() - ending) / 1000;
    // Each generator reports its CPU as it finishes, right after its last capture.
    while (finished < GENERATORS) {
      if (failure !== undefined) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    const split = meter()(Object.values(sessions).map((session) => session.pid));
    times.cpu = split;
    times.postgresCpuSeconds = (split.postgres * (performance.now() - started)) / 1000;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await Promise.all(Object.values(sessions).map((session) => session.client.end()));
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    generators: GENERATORS,
    seconds: round((performance.now() - started) / 1000),
    generatingSeconds: round(times.generatingSeconds),
    walkingSeconds: round(times.walkingSeconds),
    hashingSeconds: round(times.hashingSeconds),
    buildingSeconds: round(times.buildingSeconds),
    waitingForPostgresSeconds: round(times.waitingForPostgresSeconds),
    waitingForGeneratorsSeconds: round(times.waitingForGeneratorsSeconds),
    generatorCpuSeconds: round(times.generatorCpuSeconds),
    postgresCpuSeconds: round(times.postgresCpuSeconds),
    cpu: times.cpu,
  };
}
