import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { CpuSplit } from './cpu';

/** The first lines of every bench: which machine, which Node, when. */
export function machineHeader(title: string): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = (totalmem() / 2 ** 30).toFixed(1);
  return [
    `# ${title}`,
    `# ${new Date().toISOString()} · nproc ${availableParallelism()} (${cpu}) · ${memGiB} GiB RAM · node ${process.version} · load average ${loadavg()[0]?.toFixed(2)} at start`,
  ].join('\n');
}

/** One figure per line: name, value, and what it is measured against. */
export function figure(name: string, value: string, against = ''): string {
  return `${name.padEnd(44)} ${value.padEnd(34)} ${against}`.trimEnd();
}

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a';

/** Where the cores went during one run: the process serving, PostgreSQL, the load generator. */
export function cpuNote(cpu: CpuSplit & { loader: number }): string {
  const c = (n: number) => n.toFixed(2);
  const rest = cpu.machine - cpu.server - cpu.postgres - cpu.loader;
  return `cpu (cores of ${cpu.cores} busy): server ${c(cpu.server)}, its PostgreSQL backends ${c(cpu.postgres)}, load generator ${c(cpu.loader)}, everything else ${c(rest)}`;
}
