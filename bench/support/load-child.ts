/**
 * The load generator process (forked by load.ts): receives one LoadSpec,
 * runs autocannon, sends back one LoadResult and exits.
 */
import autocannon, { Request } from 'autocannon';
import { percentile } from '../stats';
import { eventDocument, objectEvent } from './epcis-events';
import { Body, ChildMessage, LoadResult, LoadSpec } from './load';

interface Numbered {
  n?: number;
}

let cpuAtStart = process.cpuUsage();
let startedAt = performance.now();
const send = (message: ChildMessage, then: () => void = () => undefined) =>
  process.send?.(message, then);

function bodyFor(body: Body, n: number): string | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'event':
      return JSON.stringify(objectEvent(body.tag, n));
    case 'document':
      return JSON.stringify(eventDocument(body.tag, n * body.events, body.events));
  }
}

function run(spec: LoadSpec): Promise<Omit<LoadResult, 'cpu'>> {
  let next = 0;
  const acked: number[] = [];
  const latencies: number[] = [];
  const request: Request = {
    method: spec.method,
    path: spec.path,
    headers: spec.headers,
    setupRequest: (req: Request, context: Numbered) => {
      if (spec.body.kind === 'none') return req;
      context.n = next++;
      return { ...req, body: bodyFor(spec.body, context.n) };
    },
    onResponse: (status: number, _body: string, context: Numbered) => {
      if (spec.collectAcked && status >= 200 && status < 300 && context.n !== undefined) {
        acked.push(context.n);
      }
    },
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        overallRate: spec.overallRate,
        requests: [request],
        timeout: 30,
      },
      (error: Error | null, result: autocannon.Result) => {
        if (error) return reject(error);
        const codes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
          codes[code] = stat.count ?? 0;
        }
        const ok = result['2xx'];
        resolve({
          seconds: result.duration,
          ok,
          non2xx: result.non2xx,
          statusCodes: codes,
          errors: result.errors,
          timeouts: result.timeouts,
          latency: {
            p50: percentile(latencies, 50),
            p99: percentile(latencies, 99),
            p999: percentile(latencies, 99.9),
          },
          okPerSecond: ok / result.duration,
          acked,
        });
      },
    );
    instance.on('start', () => {
      cpuAtStart = process.cpuUsage();
      startedAt = performance.now();
      send({ started: true });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

process.once('message', (spec: LoadSpec) => {
  run(spec).then(
    (result) => {
      const cpu = process.cpuUsage(cpuAtStart);
      const loaderCpu = (cpu.user + cpu.system) / 1000 / (performance.now() - startedAt);
      send({ result, loaderCpu }, () => process.exit(0));
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
});
