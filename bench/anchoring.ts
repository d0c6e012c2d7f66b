/**
 * Anchoring on the real Fabric network (issues 6 and 23).
 *   npm run bench:anchoring   (needs `npm run stack:up` with Fabric)
 * 1. Burst: captures BENCH_ANCHOR_EVENTS EPCIS events through the traceability
 *    service (as Org1's packer, with a bearer token) while the ledger service
 *    anchors them; per-event latency from its acknowledgement (record time) to
 *    the commit of its batch, p50/p99, with the time of each stage between.
 * 2. Backlog: BENCH_BACKLOG_EVENTS more are captured and queued while the
 *    anchorer is paused, then timed from the moment it starts to the last
 *    commit: the anchoring-only rate, which the capture rate does not bound.
 * Baseline in the same run: the naive design, one Fabric transaction per
 * event, with as many in flight as the gateway takes. The anchoring-only
 * rate over the naive one is the ratio compared with the target (≥ 100×).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { loadConfig } from '@pujiang/config';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { AppModule as LedgerApp } from '../services/ledger/src/app.module';
import { Anchorer } from '../services/ledger/src/anchoring/anchorer';
import { AnchoringConfig } from '../services/ledger/src/anchoring/anchoring.config';
import { AppModule as TraceabilityApp } from '../services/traceability/src/app.module';
import { startService } from '../test/support/running-service';
import { serviceEnv, stackEnv } from '../test/support/stack-env';
import { machineHeader } from './support/machine';
import { packerHeaders } from './support/bench-token';
import { timed } from './stats';
import { ackToCommit, eventTimes, stageProfile } from './support/anchoring-stages';

const EVENTS = Number(process.env.BENCH_ANCHOR_EVENTS ?? 20_000);
const BACKLOG = Number(process.env.BENCH_BACKLOG_EVENTS ?? 20_000);
const PER_DOCUMENT = 1_000;
const NAIVE_SECONDS = Number(process.env.BENCH_NAIVE_SECONDS ?? 15);
const NAIVE_IN_FLIGHT = Number(process.env.BENCH_NAIVE_IN_FLIGHT ?? 32);

function document(run: string, from: number, count: number): unknown {
  const eventTime = new Date(Date.now() - 60_000).toISOString();
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: {
      eventList: Array.from({ length: count }, (_, i) => ({
        type: 'ObjectEvent',
        eventTime,
        eventTimeZoneOffset: '+00:00',
        action: 'OBSERVE',
        epcList: [`urn:epc:id:sgtin:0614141.107346.${run}${from + i}`],
        bizStep: 'shipping',
        readPoint: { id: 'urn:epc:id:sgln:0614141.00777.0' },
      })),
    },
  };
}

async function naiveBaseline(gateway: LedgerGateway): Promise<number> {
  let committed = 0;
  const deadline = Date.now() + NAIVE_SECONDS * 1000;
  const [, ms] = await timed(() =>
    Promise.all(
      Array.from({ length: NAIVE_IN_FLIGHT }, async () => {
        while (Date.now() < deadline) {
          await gateway.submit({
            contract: TRACE_ANCHOR_CONTRACT,
            transaction: TraceAnchorTransaction.anchorBatch,
            args: [randomUUID(), randomBytes(32).toString('hex'), '1'],
          });
          committed++;
        }
      }),
    ),
  );
  return committed / (ms / 1000);
}

async function capture(url: string, run: string, events: number): Promise<number> {
  const packer = await packerHeaders();
  const started = Date.now();
  for (let from = 0; from < events; from += PER_DOCUMENT) {
    const res = await fetch(`${url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(document(run, from, Math.min(PER_DOCUMENT, events - from))),
    });
    if (res.status !== 202) throw new Error(`capture: ${res.status} ${await res.text()}`);
  }
  return Date.now() - started;
}

/** Identifiers are stored as canonical Digital Links: .../01/{gtin}/21/{serial}. */
const runPattern = (run: string): string => `%/21/${run}%`;

/** Until every event of the run has its proof in traceability: the whole way done. */
async function untilRecorded(db: Client, run: string): Promise<void> {
  for (;;) {
    const { rows } = await db.query<{ pending: string }>(
      `SELECT count(*) FILTER (WHERE e.anchor_status = 'pending') AS pending
         FROM epcis_event e JOIN epcis_event_identifier i ON i.event_seq = e.seq
        WHERE i.identifier LIKE $1`,
      [runPattern(run)],
    );
    if (Number(rows[0]?.pending ?? 1) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Until the ledger service has queued every event of the run as an anchor item. */
async function untilQueued(traceability: Client, ledger: Client, run: string): Promise<number> {
  const ids = await runIds(traceability, run);
  for (;;) {
    const queued = await ledger.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM anchor_item WHERE item_id = ANY($1::uuid[])`,
      [ids],
    );
    if ((queued.rows[0]?.n ?? 0) >= ids.length) return ids.length;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  Object.assign(process.env, { LOG_LEVEL: 'error' });
  const ledgerService = await startService('ledger', LedgerApp);
  const traceability = await startService('traceability', TraceabilityApp);
  const anchorer = ledgerService.app.get(Anchorer);
  const anchoring = ledgerService.app.get(AnchoringConfig);
  const gateway = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 1)));
  await gateway.onModuleInit();
  const traceabilityDb = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
  const ledgerDb = new Client({ connectionString: stackEnv().LEDGER_DATABASE_URL });
  await traceabilityDb.connect();
  await ledgerDb.connect();
  const header = machineHeader(
    'Anchoring EPCIS events on the local Fabric network (1 Raft orderer, BatchTimeout 250 ms, MAJORITY endorsement)',
  );
  try {
    // 1. The burst: captured while the anchorer runs.
    const burstRun = `${Date.now() % 1e9}`;
    const started = Date.now();
    const capturedIn = await capture(traceability.url, burstRun, EVENTS);
    await untilRecorded(traceabilityDb, burstRun);
    const burst = await eventTimes(
      traceabilityDb,
      ledgerDb,
      runPattern(burstRun),
      new Date(started),
    );
    const lastCommit = Math.max(...burst.map((t) => t.committed));
    const endToEndRate = (burst.length / (lastCommit - started)) * 1000;

    // 2. The backlog: captured and queued while the anchorer is paused, then anchored.
    await anchorer.beforeApplicationShutdown();
    const backlogRun = `${(Date.now() + 1) % 1e9}`;
    const backlogFrom = new Date();
    await capture(traceability.url, backlogRun, BACKLOG);
    const queued = await untilQueued(traceabilityDb, ledgerDb, backlogRun);
    const { rows } = await ledgerDb.query<{ now: string }>(
      `SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now`,
    );
    const anchoringStarted = Number(rows[0]?.now);
    anchorer.onApplicationBootstrap();
    await untilRecorded(traceabilityDb, backlogRun);
    const backlog = await eventTimes(traceabilityDb, ledgerDb, runPattern(backlogRun), backlogFrom);
    // The pause holds only this process's anchorer: another ledger service on the stack would
    // anchor the backlog meanwhile and make the rate meaningless.
    const sealedInPause = backlog.filter((t) => t.sealed < anchoringStarted).length;
    if (sealedInPause > 0) {
      throw new Error(
        `${sealedInPause} backlog events were sealed while this bench's anchorer was paused: another ledger service is anchoring on this stack; stop it and run again`,
      );
    }
    const backlogCommitted = Math.max(...backlog.map((t) => t.committed));
    const anchoringOnlyRate = (backlog.length / (backlogCommitted - anchoringStarted)) * 1000;
    const { rows: batchRows } = await ledgerDb.query<{ n: number }>(
      `SELECT count(DISTINCT batch_id)::int AS n FROM anchor_item WHERE item_id = ANY($1::uuid[])`,
      [await runIds(traceabilityDb, backlogRun)],
    );

    // 3. The naive design on the same network, same run.
    const naiveRate = await naiveBaseline(gateway);
    process.stdout.write(
      [
        header,
        `# anchorer: batches ≤ ${anchoring.ANCHOR_BATCH_MAX_EVENTS} events or ${anchoring.ANCHOR_BATCH_MAX_WAIT_MS} ms, ≤ ${anchoring.ANCHOR_IN_FLIGHT_BATCHES} batches in flight; load average ${loadavg()[0]?.toFixed(2)} at end`,
        `burst     ${burst.length} events in ${EVENTS / PER_DOCUMENT} documents captured in ${seconds(capturedIn)} s (${((EVENTS / capturedIn) * 1000).toFixed(0)} events/s); last commit ${seconds(lastCommit - started)} s after the first capture`,
        `end-to-end ${endToEndRate.toFixed(0)} events/s from the first capture to the last commit (bounded by the capture rate)`,
        `latency   acknowledgement → commit: p50 ${seconds(ackToCommit(burst, 50))} s, p99 ${seconds(ackToCommit(burst, 99))} s   (target p99 ≤ 3 s)`,
        `stages of the burst (per event):`,
        ...stageProfile(burst),
        `backlog   ${queued} events queued with the anchorer paused; anchored in ${batchRows[0]?.n ?? 0} batches ${seconds(backlogCommitted - anchoringStarted)} s after it started`,
        `anchoring ${anchoringOnlyRate.toFixed(0)} events/s, anchoring alone: from the anchorer's start to the last commit of the backlog`,
        `stages of the backlog (per event; waits include the pause):`,
        ...stageProfile(backlog),
        `naive     ${naiveRate.toFixed(1)} events/s anchored (one transaction per event, ${NAIVE_IN_FLIGHT} in flight, ${NAIVE_SECONDS} s)`,
        `ratio     anchoring alone / naive = ${(anchoringOnlyRate / naiveRate).toFixed(0)}×   (the figure compared with the target ≥ 100×: both rates measure anchoring only)`,
        `          end-to-end / naive = ${(endToEndRate / naiveRate).toFixed(0)}×   (kept for comparison with earlier runs; it cannot exceed the capture rate)`,
      ].join('\n') + '\n',
    );
  } finally {
    await traceabilityDb.end();
    await ledgerDb.end();
    gateway.onApplicationShutdown();
    await traceability.app.close();
    await ledgerService.app.close();
  }
}

async function runIds(db: Client, run: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT e.id FROM epcis_event e JOIN epcis_event_identifier i ON i.event_seq = e.seq
      WHERE i.identifier LIKE $1`,
    [runPattern(run)],
  );
  return rows.map((r) => r.id);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
