/**
 * EPCIS capture throughput (npm run bench:capture; needs the stack's PostgreSQL).
 * The traceability service runs in this process; autocannon runs in a child.
 * Single events (POST /events) and documents of 100 events (POST /capture),
 * each next to baselines from the same run: bare Fastify parsing the same
 * bodies, and PostgreSQL inserting rows of the same width with no service.
 * Then every acknowledged single event is looked up in epcis_event.
 *   BENCH_SECONDS (20), BENCH_CONNECTIONS (50), BENCH_DOC_CONNECTIONS (10)
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { startBareFastify } from './support/bare-fastify';
import { epcPattern, firstEpc } from './support/epcis-events';
import { LoadResult, LoadSpec, runLoad } from './support/load';
import { cpuNote, figure, fmt, machineHeader } from './support/machine';
import { rawInsertRate } from './support/raw-insert';
import { BenchService, startTraceability } from './support/traceability-service';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DOC_CONNECTIONS = Number(process.env.BENCH_DOC_CONNECTIONS ?? 10);
const PER_DOCUMENT = 100;
const BODY_LIMIT = 1024 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };
const LD_TYPE = { 'content-type': 'application/ld+json' };

const out = (...lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);
const ms = (n: number) => `${n.toFixed(1)} ms`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const latency = (r: LoadResult, per = '') =>
  `p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}${per}`;
const failures = (r: LoadResult) => {
  const codes = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith('2'));
  const which = codes.map(([code, n]) => `${n}× ${code}`).join(', ');
  return `non-2xx ${r.non2xx}${which ? ` (${which})` : ''}, socket errors ${r.errors} (timeouts ${r.timeouts})`;
};

type Load = Omit<LoadSpec, 'url' | 'method' | 'seconds' | 'connections'>;
const singleEvents = (tag: string, collectAcked = false): Load => ({
  path: '/events',
  headers: JSON_TYPE,
  body: { kind: 'event', tag },
  collectAcked,
});
const documents = (tag: string): Load => ({
  path: '/capture',
  headers: LD_TYPE,
  body: { kind: 'document', tag, events: PER_DOCUMENT },
});

async function main(): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  out(
    machineHeader('bench:capture: EPCIS capture into the traceability service'),
    `# run tag ${tag}; ${SECONDS} s per run; service, PostgreSQL and load generator share the machine`,
  );
  const service = await startTraceability(BODY_LIMIT);
  const bare = await startBareFastify({ bodyLimit: BODY_LIMIT });
  const load = (url: string, connections: number, spec: Load, seconds = SECONDS) =>
    runLoad({ url, method: 'POST', seconds, connections, ...spec }, service.backends);
  try {
    // Warm both servers' hot paths before anything is measured.
    await load(service.url, 10, singleEvents(`W${tag}`), 3);
    await load(bare.url, 10, singleEvents(`W${tag}`), 3);

    const bareOne = await load(bare.url, CONNECTIONS, singleEvents(`X${tag}`));
    const one = await load(service.url, CONNECTIONS, singleEvents(`S${tag}`, true));
    out(
      '',
      `single events: POST /events, a distinct ObjectEvent (~0.9 kB) each, ${CONNECTIONS} connections`,
      figure(
        '  bare Fastify (JSON.parse, 201, no DB)',
        `${fmt(bareOne.okPerSecond)} req/s`,
        latency(bareOne),
      ),
      `    ${cpuNote(bareOne.cpu)}`,
      figure('  service, accepted (2xx)', `${fmt(one.okPerSecond)} events/s`, latency(one)),
      figure('  service, failures', failures(one)),
      `    ${cpuNote(one.cpu)}`,
      figure('  target ≥ 10,000 req/s with p99', `${pct(one.okPerSecond / 10_000)} of target`),
      figure('  ratio service / bare Fastify', (one.okPerSecond / bareOne.okPerSecond).toFixed(3)),
    );

    const bareDocs = await load(bare.url, DOC_CONNECTIONS, documents(`Y${tag}`));
    const docs = await load(service.url, DOC_CONNECTIONS, documents(`D${tag}`));
    const events = docs.okPerSecond * PER_DOCUMENT;
    const bareEvents = bareDocs.okPerSecond * PER_DOCUMENT;
    const rawRows = Math.max(docs.ok * PER_DOCUMENT, 50_000);
    const raw = await rawInsertRate(service.db, {
      rows: rawRows,
      perStatement: PER_DOCUMENT,
      concurrency: DOC_CONNECTIONS,
      tag: `R${tag}`,
    });
    out(
      '',
      `documents: POST /capture, ${PER_DOCUMENT} distinct events (~88 kB) each, ${DOC_CONNECTIONS} connections`,
      figure(
        '  bare Fastify (JSON.parse, 201, no DB)',
        `${fmt(bareEvents)} events/s`,
        latency(bareDocs, ' per document'),
      ),
      `    ${cpuNote(bareDocs.cpu)}`,
      figure(
        '  service, accepted (2xx)',
        `${fmt(events)} events/s`,
        latency(docs, ' per document'),
      ),
      figure('  service, failures', failures(docs)),
      `    ${cpuNote(docs.cpu)}`,
      figure(
        `  raw PostgreSQL insert, ${fmt(rawRows)} rows`,
        `${fmt(raw)} rows/s`,
        `unnest, ${PER_DOCUMENT} rows a commit, ${DOC_CONNECTIONS} connections`,
      ),
      figure('  target ≥ 50,000 events/s with p99', `${pct(events / 50_000)} of target`),
      figure('  ratio service / raw PostgreSQL insert', (events / raw).toFixed(3)),
      figure('  ratio service / bare Fastify', (events / bareEvents).toFixed(3)),
    );

    const durable = await durability(service, `S${tag}`, one.acked);
    out(
      '',
      'durable: yes, by design. The 201 (POST /events) and 202 (POST /capture) are sent only after',
      '  the COMMIT of the one transaction holding the events, their identifiers and outbox rows.',
      figure('  2xx single-event responses', fmt(one.acked.length)),
      figure(
        '  of those, found in epcis_event',
        fmt(durable.found),
        durable.found === one.acked.length
          ? 'all of them'
          : `MISSING ${fmt(one.acked.length - durable.found)}`,
      ),
      figure(
        '  single events stored with the run tag',
        fmt(durable.tagged),
        `${durable.tagged - durable.found} committed as the load generator stopped reading`,
      ),
      figure('  outbox messages relayed (to a sink)', fmt(service.relayed())),
    );
  } finally {
    await bare.close();
    await service.stop();
  }
}

async function durability(
  service: BenchService,
  tag: string,
  acked: number[],
): Promise<{ found: number; tagged: number }> {
  const count = async (where: string, value: unknown) =>
    Number(
      (
        await service.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM epcis_event WHERE document->'epcList'->>0 ${where}`,
          [value],
        )
      ).rows[0]?.n,
    );
  return {
    found: await count(
      '= ANY($1::text[])',
      acked.map((n) => firstEpc(tag, n)),
    ),
    tagged: await count('LIKE $1', epcPattern(tag)),
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
