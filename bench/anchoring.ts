/**
 * Anchoring on the real Fabric network (issue 6, benchmark 2).
 *   npm run bench:anchoring   (needs `npm run stack:up` with Fabric)
 * Captures BENCH_ANCHOR_EVENTS EPCIS events through the traceability service
 * (as Org1's packer, with a bearer token) and measures how fast the ledger
 * service anchors them in Merkle batches (events/s from the first capture to
 * the last commit; per-event latency from capture to commit, p50/p99).
 * Baseline in the same run: the naive design, one Fabric transaction per
 * event, with as many in flight as the gateway takes. The ratio is the figure
 * to compare with the target (≥ 100×).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { loadConfig } from '@pujiang/config';
import { EPCIS_CONTEXT } from '@pujiang/epcis';
import { AppModule as LedgerApp } from '../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../services/traceability/src/app.module';
import { startService } from '../test/support/running-service';
import { serviceEnv, stackEnv } from '../test/support/stack-env';
import { machineHeader } from './support/machine';
import { packerHeaders } from './support/bench-token';
import { percentile, timed } from './stats';

const EVENTS = Number(process.env.BENCH_ANCHOR_EVENTS ?? 20_000);
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

async function main(): Promise<void> {
  Object.assign(process.env, { LOG_LEVEL: 'error' });
  const ledgerService = await startService('ledger', LedgerApp);
  const traceability = await startService('traceability', TraceabilityApp);
  const gateway = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 1)));
  await gateway.onModuleInit();
  const db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
  await db.connect();
  const run = String(Date.now() % 1e9);
  const packer = await packerHeaders();
  try {
    const started = Date.now();
    for (let from = 0; from < EVENTS; from += PER_DOCUMENT) {
      const res = await fetch(`${traceability.url}/capture`, {
        method: 'POST',
        headers: { ...packer, 'content-type': 'application/ld+json' },
        body: JSON.stringify(document(run, from, Math.min(PER_DOCUMENT, EVENTS - from))),
      });
      if (res.status !== 202) throw new Error(`capture: ${res.status} ${await res.text()}`);
    }
    const capturedIn = Date.now() - started;
    // Identifiers are stored as canonical Digital Links: .../01/{gtin}/21/{serial}.
    const pattern = `%/21/${run}%`;
    for (;;) {
      const { rows } = await db.query<{ pending: string }>(
        `SELECT count(*) FILTER (WHERE e.anchor_status = 'pending') AS pending
           FROM epcis_event e JOIN epcis_event_identifier i ON i.event_seq = e.seq
          WHERE i.identifier LIKE $1`,
        [pattern],
      );
      if (Number(rows[0]?.pending ?? 1) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { rows } = await db.query<{ latency_ms: number; last: Date; batch_id: string }>(
      `SELECT EXTRACT(EPOCH FROM (e.anchored_at - e.record_time)) * 1000 AS latency_ms,
              max(e.anchored_at) OVER () AS last, e.batch_id
         FROM epcis_event e JOIN epcis_event_identifier i ON i.event_seq = e.seq
        WHERE i.identifier LIKE $1`,
      [pattern],
    );
    const latencies = rows.map((r) => Number(r.latency_ms));
    const elapsed = new Date(rows[0]?.last ?? Date.now()).getTime() - started;
    const batchedRate = (latencies.length / elapsed) * 1000;
    const naiveRate = await naiveBaseline(gateway);
    process.stdout.write(
      [
        machineHeader(
          'Anchoring EPCIS events on the local Fabric network (1 Raft orderer, BatchTimeout 250 ms, MAJORITY endorsement)',
        ),
        `batches   ${new Set(rows.map((r) => r.batch_id)).size} Merkle batches on the ledger`,
        `captured ${latencies.length} events in ${EVENTS / PER_DOCUMENT} documents in ${(capturedIn / 1000).toFixed(1)} s; all anchored ${(elapsed / 1000).toFixed(1)} s after the first capture`,
        `batched   ${batchedRate.toFixed(0)} events/s anchored (Merkle batches ≤ 1000 events, ≤ 1 s wait)`,
        `naive     ${naiveRate.toFixed(1)} events/s anchored (one transaction per event, ${NAIVE_IN_FLIGHT} in flight, ${NAIVE_SECONDS} s)`,
        `ratio     batched / naive = ${(batchedRate / naiveRate).toFixed(0)}×   (target ≥ 100×)`,
        `latency   capture → commit: p50 ${(percentile(latencies, 50) / 1000).toFixed(2)} s, p99 ${(percentile(latencies, 99) / 1000).toFixed(2)} s   (target p99 ≤ 3 s)`,
      ].join('\n') + '\n',
    );
  } finally {
    await db.end();
    gateway.onApplicationShutdown();
    await traceability.app.close();
    await ledgerService.app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
