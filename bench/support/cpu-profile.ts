import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';

/** One line of a CPU profile summary: where the samples landed, as milliseconds of CPU. */
export interface ProfileItem {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  /** Sampled milliseconds on this process's main thread (idle excluded). */
  busyMs: number;
  idleMs: number;
  /** Self time by function. */
  functions: ProfileItem[];
  /** Self time by package (node_modules/<name>), project folder or Node's own code. */
  packages: ProfileItem[];
}

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * Samples this process's main thread (the service's event loop: the load
 * generator runs in a child) with V8's profiler, as `node --cpu-prof` would,
 * while `work` runs. Only the bench can ask for it; the service has no switch.
 */
export async function profileDuring<T>(work: () => Promise<T>): Promise<[T, ProfileSummary]> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    return [result, summarise(profile.nodes, profile.startTime, profile.endTime)];
  } finally {
    session.disconnect();
  }
}

function summarise(nodes: ProfileNode[], startTime: number, endTime: number): ProfileSummary {
  const totalHits = nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = totalHits === 0 ? 0 : (endTime - startTime) / 1000 / totalHits;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let idleMs = 0;
  for (const node of nodes) {
    const ms = (node.hitCount ?? 0) * msPerHit;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') {
      if (functionName === '(idle)') idleMs += ms;
      else add(byPackage, '(V8 and native, unattributed)', ms);
      continue;
    }
    const where = place(url);
    add(byFunction, `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`, ms);
    add(byPackage, url === '' ? `(${functionName})` : owner(where), ms);
  }
  const busyMs = (endTime - startTime) / 1000 - idleMs;
  const top = (map: Map<string, number>, n: number): ProfileItem[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms, share: busyMs > 0 ? ms / busyMs : 0 }));
  return { busyMs, idleMs, functions: top(byFunction, 15), packages: top(byPackage, 12) };
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

/** A short place: the path inside the project, node_modules/… or node:… */
function place(url: string): string {
  if (url === '') return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) return path.slice(modules);
  return path.startsWith('/') ? relative(process.cwd(), path) : path;
}

/** Who owns a place: an npm package, a project folder (two levels), or Node itself. */
function owner(where: string): string {
  if (where.startsWith('node_modules/')) {
    const [, first, second] = where.split('/');
    return `node_modules/${first?.startsWith('@') ? `${first}/${second}` : first}`;
  }
  if (where.startsWith('node:')) return 'node: (Node.js internals)';
  return where.split('/').slice(0, 3).join('/');
}
