/**
 * One generator of the trace dataset, in a worker thread, so generating,
 * hashing and building rows run beside PostgreSQL's COPY instead of taking
 * turns with it. With several generators each walks the whole network's
 * steps in time order (the plans are cheap) but makes, hashes and writes
 * only the events of its own captures: capture b belongs to generator
 * b mod generators. It sends each capture's COPY text as transferred bytes
 * and makes at most `ahead` captures the loader has not yet taken.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EpcisVocabulary } from '../../services/traceability/src/epcis/events/epcis-vocabulary';
import { EpcisEvent, Step, SupplyNetwork, stepsInTimeOrder } from './supply-network';
import { HashMode, captureCopy } from './trace-rows';

export interface GeneratorData {
  network: SupplyNetwork;
  hash: HashMode;
  captureSize: number;
  generator: number;
  generators: number;
  ahead: number;
}

/** Loader → generator: it took one capture, make one more. */
export interface Taken {
  taken: 1;
}

export type GeneratorMessage =
  | {
      kind: 'capture';
      capture: number;
      count: number;
      events: Uint8Array;
      identifiers: Uint8Array;
      job: Uint8Array;
      generatingMs: number;
      hashingMs: number;
      buildingMs: number;
    }
  | { kind: 'done'; captures: number; walkingMs: number; cpuSeconds: number };

const data = workerData as GeneratorData;
if (parentPort === null) throw new Error('trace-rows-worker runs as a worker thread');
const port = parentPort;

let credit = data.ahead;
let resume: (() => void) | undefined;
port.on('message', (message: Taken) => {
  credit += message.taken;
  resume?.();
  resume = undefined;
});

async function run(): Promise<void> {
  const vocabulary = new EpcisVocabulary();
  const encoder = new TextEncoder();
  let capture = 0;
  let steps: Step[] = [];
  // Walking the steps (plans and merge) of other generators' captures, and of this one's since its last.
  let walkingMs = 0;
  let walked = 0;
  let mark = performance.now();
  const send = async (batch: Step[]) => {
    walked += performance.now() - mark;
    if (capture % data.generators === data.generator) {
      while (credit === 0) await new Promise<void>((r) => (resume = r));
      credit--;
      const making = performance.now();
      const events: EpcisEvent[] = batch.map((step) => step.event());
      const made = performance.now();
      const rows = captureCopy(events, capture * data.captureSize + 1, vocabulary, data.hash);
      const built = performance.now();
      const message: GeneratorMessage = {
        kind: 'capture',
        capture,
        count: batch.length,
        events: encoder.encode(rows.events),
        identifiers: encoder.encode(rows.identifiers),
        job: encoder.encode(rows.job),
        generatingMs: walked + (made - making),
        hashingMs: rows.hashingMs,
        buildingMs: rows.buildingMs + (performance.now() - built),
      };
      port.postMessage(message, [
        message.events.buffer,
        message.identifiers.buffer,
        message.job.buffer,
      ]);
      walked = 0;
    } else {
      walkingMs += walked;
      walked = 0;
    }
    capture++;
    mark = performance.now();
  };
  for (const step of stepsInTimeOrder(data.network)) {
    steps.push(step);
    if (steps.length === data.captureSize) {
      await send(steps);
      steps = [];
    }
  }
  if (steps.length > 0) await send(steps);
  const cpu = process.threadCpuUsage();
  const done: GeneratorMessage = {
    kind: 'done',
    captures: capture,
    walkingMs,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  port.postMessage(done);
}

void run();
