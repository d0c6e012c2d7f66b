import { randomBytes, randomUUID } from 'node:crypto';
import {
  AnchoredBatch,
  TRACE_ANCHOR_CONTRACT,
  TraceAnchorEvent,
  TraceAnchorTransaction,
} from '@pujiang/contracts';
import { LedgerGateway } from '@pujiang/ledger-client';
import { sleep } from '../../support/sleep';

/** One BatchAnchored event as the ledger delivers it: what was committed, where. */
export interface LedgerAnchor extends AnchoredBatch {
  blockNumber: bigint;
}

/**
 * Anchors a batch of the test's own (a random root under a `fault-` id),
 * retrying whatever fails until the network commits it: the test's marker
 * that the ledger takes transactions end to end, and where in the chain "now"
 * is. Every failure is retried, refusals included: a restarted peer's gateway
 * refuses to plan an endorsement until gossip has found the other
 * organisation's peer, and that is not what the marker is about.
 */
export async function anchorMarker(
  ledger: LedgerGateway,
  purpose: string,
  timeoutMs = 180_000,
): Promise<{ batchId: string; blockNumber: bigint; waitedMs: number }> {
  const batchId = `fault-${purpose}-${randomUUID()}`;
  const started = Date.now();
  for (;;) {
    try {
      const committed = await ledger.submit({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.anchorBatch,
        args: [batchId, randomBytes(32).toString('hex'), '1'],
      });
      return { batchId, blockNumber: committed.blockNumber, waitedMs: Date.now() - started };
    } catch (error) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(`the ledger took no transaction for ${timeoutMs} ms`, { cause: error });
      }
      await sleep(1_000);
    }
  }
}

/**
 * Every batch anchored on the ledger from `fromBlock` to now, read from the
 * chaincode's BatchAnchored events on a peer: one entry per committed
 * transaction, so a batch anchored twice shows up twice. The event stream
 * never ends by itself; a marker batch anchored last says where "now" is.
 */
export async function batchesAnchoredSince(
  ledger: LedgerGateway,
  fromBlock: bigint,
  timeoutMs = 60_000,
): Promise<LedgerAnchor[]> {
  const end = await anchorMarker(ledger, 'end');
  const events = await ledger.network.getChaincodeEvents(ledger.chaincodeName, {
    startBlock: fromBlock,
  });
  const timer = setTimeout(() => events.close(), timeoutMs);
  const anchors: LedgerAnchor[] = [];
  try {
    for await (const event of events) {
      if (event.eventName !== TraceAnchorEvent.batchAnchored) continue;
      const batch = JSON.parse(Buffer.from(event.payload).toString('utf8')) as AnchoredBatch;
      if (batch.batchId === end.batchId) return anchors;
      anchors.push({ ...batch, blockNumber: event.blockNumber });
    }
  } catch (error) {
    throw new Error(`ledger events from block ${fromBlock} ended before ${end.batchId}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    events.close();
  }
  throw new Error(`ledger events from block ${fromBlock} ended before ${end.batchId}`);
}
