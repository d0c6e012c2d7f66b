/**
 * eBL transfers on the real Fabric network (issue 6, benchmark 5).
 *   npm run bench:ebl   (needs `npm run stack:up` with Fabric)
 * Prints the latency of one transfer committed on the ledger through the eBL
 * service (p50, p99), transfers/s with many documents moving at once, and as
 * the baseline from the same run the bare Fabric commit of one small
 * transaction through the same gateway, so the figures read as overhead over
 * what the ledger itself costs on this machine.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { loadConfig } from '@pujiang/config';
import { CarrierSystem } from '../test/support/carrier-system';
import { issueToShipper } from '../test/support/ebl-issuance';
import { EblWorld, startEblWorld } from '../test/support/ebl-platforms';
import { serviceEnv } from '../test/support/stack-env';
import { summary, timed } from './stats';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 60);
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 24);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

async function issue(world: EblWorld, ref: string): Promise<void> {
  const { status, body } = await issueToShipper(world, ref, true);
  if (status !== 204) throw new Error(`issuance ${ref}: ${status} ${body}`);
}

/** One committed step; throws unless the ledger took it. */
async function act(
  world: EblWorld,
  tokens: Map<string, string>,
  party: string,
  ref: string,
  body: object,
) {
  const res = await fetch(`${world.pja.url}/transport-documents/${ref}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(party)}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${party} on ${ref}: ${res.status} ${await res.text()}`);
}

/** Holder offers the document to the other party, who accepts: two commits, one transfer of control. */
async function handOver(
  world: EblWorld,
  tokens: Map<string, string>,
  ref: string,
  from: string,
  to: string,
) {
  await act(world, tokens, from, ref, { action: 'TRANSFER', recipientPartyId: to });
  await act(world, tokens, to, ref, { action: 'ACCEPT_TRANSFER' });
}

async function main(): Promise<void> {
  const carrier = new CarrierSystem();
  const world = await startEblWorld(await carrier.start());
  const raw = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 1)));
  await raw.onModuleInit();
  const tokens = new Map<string, string>();
  for (const party of ['shipper', 'bank']) tokens.set(party, await world.pja.tokenFor(party));
  try {
    const baseline: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const [, ms] = await timed(() =>
        raw.submit({
          contract: TRACE_ANCHOR_CONTRACT,
          transaction: TraceAnchorTransaction.anchorBatch,
          args: [randomUUID(), randomBytes(32).toString('hex'), '1'],
        }),
      );
      baseline.push(ms);
    }

    const ref = `BEN${randomBytes(5).toString('hex').toUpperCase()}`;
    await issue(world, ref);
    const offer: number[] = [];
    const transfer: number[] = [];
    let holder = 'shipper';
    for (let i = 0; i < SEQUENTIAL / 2; i++) {
      const other = holder === 'shipper' ? 'bank' : 'shipper';
      const [, offered] = await timed(() =>
        act(world, tokens, holder, ref, { action: 'TRANSFER', recipientPartyId: other }),
      );
      const [, accepted] = await timed(() =>
        act(world, tokens, other, ref, { action: 'ACCEPT_TRANSFER' }),
      );
      offer.push(offered, accepted);
      transfer.push(offered + accepted);
      holder = other;
    }

    const refs = Array.from(
      { length: DOCUMENTS },
      () => `BEN${randomBytes(5).toString('hex').toUpperCase()}`,
    );
    await Promise.all(refs.map((r) => issue(world, r)));
    let transfers = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const [, elapsed] = await timed(() =>
      Promise.all(
        refs.map(async (r) => {
          let current = 'shipper';
          while (Date.now() < deadline) {
            const next = current === 'shipper' ? 'bank' : 'shipper';
            await handOver(world, tokens, r, current, next);
            current = next;
            transfers++;
          }
        }),
      ),
    );

    const rate = transfers / (elapsed / 1000);
    const commitRate = (transfers * 2) / (elapsed / 1000);
    const lines = [
      `eBL transfers on the local Fabric network (1 Raft orderer, BatchTimeout 250 ms, 2 peers, MAJORITY endorsement)`,
      `baseline  bare Fabric commit (TraceAnchor.anchorBatch via the gateway): ${summary(baseline)}`,
      `one step  (offer or accept) through the eBL service, committed:       ${summary(offer)}`,
      `transfer  (offer + accept, control changes hands):                     ${summary(transfer)}`,
      `ratio     one step p50 / bare commit p50: ${(pct(offer) / pct(baseline)).toFixed(2)}`,
      `throughput ${DOCUMENTS} documents moving at once for ${SECONDS} s: ${rate.toFixed(1)} transfers/s (${commitRate.toFixed(1)} committed steps/s)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    raw.onApplicationShutdown();
    await world.stop();
    await carrier.stop();
  }
}

function pct(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
