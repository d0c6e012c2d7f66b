import { fork } from 'node:child_process';
import { join } from 'node:path';
import { CpuSplit, cpuMeter } from './cpu';

/** What to send: a fixed request, or distinct EPCIS events / documents generated per request. */
export type Body =
  | { kind: 'none' }
  | { kind: 'event'; tag: string }
  | { kind: 'document'; tag: string; events: number };

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body: Body;
  connections: number;
  seconds: number;
  /** Total requests/s across connections (autocannon overallRate); open throttle when absent. */
  overallRate?: number;
  /** Return the numbers of the generated events/documents that got a 2xx. */
  collectAcked?: boolean;
}

export interface LoadResult {
  seconds: number;
  ok: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** 2xx latencies in ms, measured per response (not autocannon's integer histogram). */
  latency: { p50: number; p99: number; p999: number };
  /** 2xx responses per second over the run. */
  okPerSecond: number;
  acked: number[];
  /** Cores busy during the run: whole machine, this process (the server), PostgreSQL, load generator. */
  cpu: CpuSplit & { loader: number };
}

/** What the child sends: once when autocannon starts, once with its figures. */
export type ChildMessage =
  { started: true } | { result: Omit<LoadResult, 'cpu'>; loaderCpu: number };

/**
 * Runs autocannon in a child process, so the load generator never shares an
 * event loop with the server it measures (it still shares the machine).
 */
export function runLoad(
  spec: LoadSpec,
  backends: () => Promise<number[]> = () => Promise.resolve([]),
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'load-child.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      serialization: 'advanced',
    });
    let result: Promise<LoadResult> | undefined;
    let stopMeter = cpuMeter();
    child.on('message', (message: ChildMessage) => {
      if ('started' in message) {
        stopMeter = cpuMeter();
        return;
      }
      const { result: figures, loaderCpu } = message;
      const split = stopMeter();
      result = backends().then((pids) => ({
        ...figures,
        cpu: { ...split(pids), loader: loaderCpu },
      }));
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      result === undefined
        ? reject(new Error(`load generator exited with ${code} and no result`))
        : resolve(result),
    );
    child.send(spec);
  });
}
