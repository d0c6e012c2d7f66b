import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const TICK_S = 0.01; // USER_HZ is 100 on Linux

/** Where the machine's CPU went during a run, in cores (1.0 = one core busy throughout). */
export interface CpuSplit {
  machine: number;
  cores: number;
  server: number;
  /** The PostgreSQL backends serving the bench's connections (not other users', not WAL writer). */
  postgres: number;
}

interface Snapshot {
  at: number;
  busyTicks: number;
  postgresTicks: Map<number, number>;
  server: NodeJS.CpuUsage;
}

function busyTicks(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return fields.reduce((sum, n) => sum + n, 0) - idle;
}

/** utime + stime of every live process named `name`, by pid. */
function ticksOf(name: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue;
      const rest = stat.slice(close + 2).split(' ');
      ticks.set(Number(pid), Number(rest[11]) + Number(rest[12]));
    } catch {
      // the process ended between listing and reading
    }
  }
  return ticks;
}

function snapshot(): Snapshot {
  return {
    at: performance.now(),
    busyTicks: busyTicks(),
    postgresTicks: ticksOf('postgres'),
    server: process.cpuUsage(),
  };
}

/**
 * Starts measuring. Call the returned function when the run ends, then what
 * it returns with the pids of the PostgreSQL backends that served the bench.
 */
export function cpuMeter(): () => (backends: readonly number[]) => CpuSplit {
  const start = snapshot();
  return () => {
    const end = snapshot();
    return (backends) => split(start, end, backends);
  };
}

function split(start: Snapshot, end: Snapshot, backends: readonly number[]): CpuSplit {
  const seconds = (end.at - start.at) / 1000;
  const cores = (ticks: number) => (ticks * TICK_S) / seconds;
  const postgresTicks = backends.reduce(
    (sum, pid) => sum + (end.postgresTicks.get(pid) ?? 0) - (start.postgresTicks.get(pid) ?? 0),
    0,
  );
  const serverMicros =
    end.server.user + end.server.system - start.server.user - start.server.system;
  return {
    machine: cores(end.busyTicks - start.busyTicks),
    cores: availableParallelism(),
    server: serverMicros / 1e6 / seconds,
    postgres: cores(postgresTicks),
  };
}
