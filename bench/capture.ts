/**
 * EPCIS capture throughput (npm run bench:capture; needs the stack's PostgreSQL).
 * The traceability service runs in this process; autocannon runs in a child.
 * Single events (POST /events) and documents of 100 events (POST /capture),
 * each next to baselines from the same run: bare Fastify parsing the same
 * requests, PostgreSQL inserting rows of the same width with no service, and
 * the service again with its authentication bypassed (issue 14: with bearer
 * tokens on, capture stays within 10 % of its figures without them). The
 * bypass is a second instance in this process whose BearerAuthGuard is
 * replaced through Nest's testing overrides (bench/support/traceability-service.ts);
 * the service as deployed has no such switch.
 * Then every acknowledged single event is looked up in epcis_event.
 *   BENCH_SECONDS (20), BENCH_CONNECTIONS (50), BENCH_DOC_CONNECTIONS (10)
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { startBareFastify } from './support/bare-fastify';
import { epcPattern, firstEpc } from './support/epcis-events';
import { LoadResult, LoadSpec, runLoad } from './support/load';
import { cpuNote, figure, fmt, machineHeader } from './support/machine';
import { rawInsertRate } from './support/raw-insert';
import { CAPTURE_SCRAPE_FILE, scrapeDuringLoad } from './support/metrics-scrape';
import { BenchService, startTraceability } from './support/traceability-service';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DOC_CONNECTIONS = Number(process.env.BENCH_DOC_CONNECTIONS ?? 10);
const PER_DOCUMENT = 100;
const BODY_LIMIT = 1024 * 1024;
/** Issue 14: capture with authentication keeps at least this share of its rate without. */
const AUTH_FLOOR = 0.9;
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
/** `auth`: what the client presents, a bearer token or nothing. */
const singleEvents = (tag: string, auth: Record<string, string>, collectAcked = false): Load => ({
  path: '/events',
  headers: { ...auth, ...JSON_TYPE },
  body: { kind: 'event', tag },
  collectAcked,
});
const documents = (tag: string, auth: Record<string, string>): Load => ({
  path: '/capture',
  headers: { ...auth, ...LD_TYPE },
  body: { kind: 'document', tag, events: PER_DOCUMENT },
});

/** The with/without ratio, and whether it meets issue 14. */
const authCost = (withAuth: number, without: number): [string, string] => {
  const ratio = withAuth / without;
  return [
    ratio.toFixed(3),
    `issue 14, ≥ ${AUTH_FLOOR.toFixed(2)}: ${ratio >= AUTH_FLOOR ? 'met' : 'NOT met'}`,
  ];
};

async function main(): Promise<void> {
  const tag = randomBytes(3).toString('hex');
  out(
    machineHeader('bench:capture: EPCIS capture into the traceability service'),
    `# run tag ${tag}; ${SECONDS} s per run; service, PostgreSQL and load generator share the machine`,
  );
  // Both instances run side by side, each in its own schema, and are measured in turn.
  const service = await startTraceability(BODY_LIMIT, 'bearer');
  const open = await startTraceability(BODY_LIMIT, 'bypassed');
  const bare = await startBareFastify({ bodyLimit: BODY_LIMIT });
  const auth = service.clientHeaders;
  const load = (
    target: { url: string; backends?: BenchService['backends'] },
    connections: number,
    spec: Load,
    seconds = SECONDS,
  ) =>
    runLoad(
      { url: target.url, method: 'POST', seconds, connections, ...spec },
      target.backends ?? service.backends,
    );
  try {
    out(`# authentication: ${await authenticationNote(service, open)}`);
    // Warm every server's hot paths before anything is measured. Bare Fastify
    // gets the same requests as the service, token included, and reads none of it.
    await load(service, 10, singleEvents(`W${tag}`, auth), 3);
    await load(open, 10, singleEvents(`V${tag}`, {}), 3);
    await load(bare, 10, singleEvents(`W${tag}`, auth), 3);

    // Without authentication first: whatever a run leaves PostgreSQL doing (a
    // checkpoint, autovacuum) falls on the authenticated run after it, so the
    // ratio errs against authentication, never for it.
    const bareOne = await load(bare, CONNECTIONS, singleEvents(`X${tag}`, auth));
    const oneOpen = await load(open, CONNECTIONS, singleEvents(`U${tag}`, {}));
    const one = await load(service, CONNECTIONS, singleEvents(`S${tag}`, auth, true));
    out(
      '',
      `single events: POST /events, a distinct ObjectEvent (~0.9 kB) each, ${CONNECTIONS} connections`,
      figure(
        '  bare Fastify (JSON.parse, 201, no DB)',
        `${fmt(bareOne.okPerSecond)} req/s`,
        latency(bareOne),
      ),
      `    ${cpuNote(bareOne.cpu)}`,
      figure(
        '  service, bearer token, accepted (2xx)',
        `${fmt(one.okPerSecond)} events/s`,
        latency(one),
      ),
      figure('  service, bearer token, failures', failures(one)),
      `    ${cpuNote(one.cpu)}`,
      figure(
        '  service, no authentication, accepted (2xx)',
        `${fmt(oneOpen.okPerSecond)} events/s`,
        latency(oneOpen),
      ),
      figure('  service, no authentication, failures', failures(oneOpen)),
      `    ${cpuNote(oneOpen.cpu)}`,
      figure('  target ≥ 10,000 req/s with p99', `${pct(one.okPerSecond / 10_000)} of target`),
      figure('  ratio service / bare Fastify', (one.okPerSecond / bareOne.okPerSecond).toFixed(3)),
      figure(
        '  ratio with / without authentication',
        ...authCost(one.okPerSecond, oneOpen.okPerSecond),
      ),
    );

    const bareDocs = await load(bare, DOC_CONNECTIONS, documents(`Y${tag}`, auth));
    const docsOpen = await load(open, DOC_CONNECTIONS, documents(`E${tag}`, {}));
    // The scrape is taken halfway through the authenticated documents run.
    const [docs, scrape] = await Promise.all([
      load(service, DOC_CONNECTIONS, documents(`D${tag}`, auth)),
      scrapeDuringLoad(service.url, (SECONDS * 1000) / 2),
    ]);
    const events = docs.okPerSecond * PER_DOCUMENT;
    const eventsOpen = docsOpen.okPerSecond * PER_DOCUMENT;
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
        '  service, bearer token, accepted (2xx)',
        `${fmt(events)} events/s`,
        latency(docs, ' per document'),
      ),
      figure('  service, bearer token, failures', failures(docs)),
      `    ${cpuNote(docs.cpu)}`,
      figure(
        '  service, no authentication, accepted (2xx)',
        `${fmt(eventsOpen)} events/s`,
        latency(docsOpen, ' per document'),
      ),
      figure('  service, no authentication, failures', failures(docsOpen)),
      `    ${cpuNote(docsOpen.cpu)}`,
      figure(
        `  raw PostgreSQL insert, ${fmt(rawRows)} rows`,
        `${fmt(raw)} rows/s`,
        `unnest, ${PER_DOCUMENT} rows a commit, ${DOC_CONNECTIONS} connections`,
      ),
      figure('  target ≥ 50,000 events/s with p99', `${pct(events / 50_000)} of target`),
      figure('  ratio service / raw PostgreSQL insert', (events / raw).toFixed(3)),
      figure('  ratio service / bare Fastify', (events / bareEvents).toFixed(3)),
      figure('  ratio with / without authentication', ...authCost(events, eventsOpen)),
    );

    out(
      '',
      `metrics: the service's /metrics halfway through the documents run (full scrape in ${CAPTURE_SCRAPE_FILE})`,
      ...scrape.map((line) => `  ${line}`),
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
    await open.stop();
    await service.stop();
  }
}

/**
 * What each instance does with a caller who presents no token, asked before
 * anything is measured: the authenticated one must refuse it (401) and the
 * bypassed one let it through (a 404 for a capture job nobody has), or the
 * comparison would compare nothing.
 */
async function authenticationNote(service: BenchService, open: BenchService): Promise<string> {
  const job = `/capture/${randomUUID()}`;
  const anonymous = async (target: BenchService) => (await fetch(`${target.url}${job}`)).status;
  const [refused, through] = [await anonymous(service), await anonymous(open)];
  if (refused !== 401 || through !== 404) {
    throw new Error(
      `a caller without a token got ${refused} from the authenticated instance (expected 401) and ${through} from the bypassed one (expected 404)`,
    );
  }
  const token = (service.clientHeaders.authorization ?? '').replace(/^Bearer /, '');
  const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as {
    alg?: string;
  };
  return `the service verifies an ${header.alg ?? '?'} bearer token (${token.length} characters) on every request; "no authentication" is a second instance whose guard lets every request through as Org1's packer (a testing override in this process), sent no token`;
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
