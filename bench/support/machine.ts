import { availableParallelism, cpus, totalmem } from 'node:os';

/** The first lines of every bench: which machine, which Node, when. */
export function machineHeader(title: string): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memGiB = (totalmem() / 2 ** 30).toFixed(1);
  return [
    `# ${title}`,
    `# ${new Date().toISOString()} · nproc ${availableParallelism()} (${cpu}) · ${memGiB} GiB RAM · node ${process.version}`,
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
export function cpuNote(cpu: {
  machine: number;
  cores: number;
  server: number;
  postgres: number;
  loader: number;
}): string {
  const c = (n: number) => n.toFixed(2);
  return `cpu (cores of ${cpu.cores}): server ${c(cpu.server)}, PostgreSQL ${c(cpu.postgres)}, load generator ${c(cpu.loader)}, whole machine ${c(cpu.machine)}`;
}
