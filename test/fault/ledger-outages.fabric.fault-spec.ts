import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EpcisEventCapturedV1, Topic } from '@pujiang/contracts';
import { loadConfig } from '@pujiang/config';
import { eventHashDigest } from '@pujiang/epcis';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { MerkleTree } from '@pujiang/merkle';
import { CloudEvent } from '@pujiang/messaging';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { eventually, testKafka } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { epcOf, serialOf } from '../support/shipping-events';
import { sleep } from '../support/sleep';
import { serviceEnv, stackEnv } from '../support/stack-env';
import { AnchoringSubmissions, Submission } from './support/anchoring-submissions';
import { CaptureAttempt, CaptureLoad, captureDuring } from './support/capture-load';
import { FabricNode, kill9, reviveFabric } from './support/fabric-nodes';
import { LedgerAnchor, anchorMarker, batchesAnchoredSince } from './support/ledger-anchors';
import { TopicPosition, readTopicWindow, topicPosition } from './support/topic-window';

// Each crash is followed by a restart of the node, the anchorer's back-off and,
// after an orderer crash, a commit status that never comes (see CATCH_UP_MS).
jest.setTimeout(900_000);

const LOAD: CaptureLoad = { eventClients: 6, documentClients: 2, eventsPerDocument: 5 };
/** Capture and anchoring in full swing before the crash. */
const WARM_UP_MS = 5_000;
/** Long enough for several batches to be sealed and tried while the node is gone. */
const OUTAGE_MS = 12_000;
/** Capture goes on after the restart, so new batches queue behind the retried ones. */
const AFTER_REVIVAL_MS = 5_000;
/**
 * An anchorBatch submission takes its endorsement (tens of ms) plus the
 * orderer's 250 ms batch timeout before it commits. 150 ms into one, its
 * transaction is with the orderer waiting to be cut into a block: a crash
 * then leaves the anchorer not knowing whether it will commit.
 */
const IN_FLIGHT_MS = 150;
/**
 * After an orderer crash, a transaction the orderer had accepted but not yet
 * cut into a block is gone; the anchorer learns so when its commit status
 * times out (20 s, libs/ledger-client) and resubmits the batch. A restarted
 * peer may not plan endorsements for tens of seconds more. Longer than this
 * is stuck.
 */
const CATCH_UP_MS = 300_000;

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** Tx ids, addresses and gRPC resolution notes vary; the kind of outcome is what a reader needs. */
function outcomeKind(outcome: Submission['outcome']): string {
  if (outcome === undefined) return 'in flight';
  if (typeof outcome === 'string') return outcome;
  return outcome.failed
    .replace(/[0-9a-f]{16,}/g, '…')
    .replace(/(\. Last error|,metadata filters|,remote_addr).*$/, '')
    .slice(0, 120);
}

/**
 * A defect list cut to its first few entries and a count: one refused batch
 * already makes a thousand events unanchored, and a failure message should
 * stay readable.
 */
function sampled<K extends string>(
  defects: Record<K, readonly unknown[]>,
): Record<K, readonly unknown[]> {
  const shown = 5;
  const cut = Object.entries<readonly unknown[]>(defects).map(([kind, found]) => [
    kind,
    found.length <= shown
      ? found
      : [...found.slice(0, shown), `… and ${found.length - shown} more`],
  ]);
  return Object.fromEntries(cut) as Record<K, readonly unknown[]>;
}

interface Crash {
  node: FabricNode;
  /** The submission under way when the node died: its outcome was unknown to the anchorer. */
  inFlightBatchId: string;
  /** How long that submission had been under way when the node died. */
  inFlightForMs: number;
  killedAt: number;
  revivedAt: number;
  reviveMs: number;
}

/** Where the system stood when a run began, so its reconciliation reads only what the run wrote. */
interface RunStart {
  at: Date;
  fromBlock: bigint;
  captured: TopicPosition;
  /** How long the ledger took to commit a transaction again, left over from an earlier crash. */
  networkReadyAfterMs: number;
}

interface StoredEvent {
  id: string;
  event_hash: string;
  epc: string;
  anchor_status: string;
  batch_id: string | null;
  merkle_root: string | null;
}

interface BatchRow {
  batch_id: string;
  merkle_root: string;
  items: { itemId: string; digest: string }[];
  status: string;
  tx_id: string | null;
  block_number: string | null;
  last_error: string | null;
}

/**
 * A Fabric peer, then the orderer, SIGKILLed while EPCIS events are being
 * captured and anchored, then started again. Capture never depends on Fabric
 * (outbox → Kafka → ledger service), so it keeps accepting; anchoring stalls
 * and resumes by itself. Afterwards every accepted event is reconciled by
 * count: stored once, published on Kafka, in exactly one Merkle batch whose
 * root is committed exactly once on the ledger. The node is killed while an
 * anchorBatch submission is in flight, so the anchorer has to retry a batch
 * whose first transaction may or may not have committed: a retry that anchors
 * it twice, or gives up on it, fails the reconciliation.
 */
describe('capture and anchoring through Fabric peer and orderer crashes', () => {
  let ledgerService: { app: NestFastifyApplication; url: string };
  let traceability: { app: NestFastifyApplication; url: string };
  let submissions: AnchoringSubmissions;
  /** Org2's peer, never killed here: the ledger as another organisation sees it. */
  let auditor: LedgerGateway;
  /** Org1's peer, as the ledger service sees the network, but not the service's own connection. */
  let org1: LedgerGateway;
  let traceabilityDb: Client;
  let ledgerDb: Client;
  let kafka: Kafka;
  let revivalOwed = false;

  beforeAll(async () => {
    ledgerService = await startService('ledger', LedgerApp);
    traceability = await startService('traceability', TraceabilityApp);
    submissions = new AnchoringSubmissions(ledgerService.app.get(LedgerGateway, { strict: false }));
    auditor = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 2)));
    await auditor.onModuleInit();
    org1 = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 1)));
    await org1.onModuleInit();
    const env = stackEnv();
    traceabilityDb = new Client({ connectionString: env.TRACEABILITY_DATABASE_URL });
    ledgerDb = new Client({ connectionString: env.LEDGER_DATABASE_URL });
    await traceabilityDb.connect();
    await ledgerDb.connect();
    kafka = testKafka();
  });

  afterAll(async () => {
    // A failed run must not leave the stack without a node.
    if (revivalOwed) await reviveFabric();
    auditor?.onApplicationShutdown();
    org1?.onApplicationShutdown();
    await traceability?.app.close();
    await ledgerService?.app.close();
    await traceabilityDb?.end();
    await ledgerDb?.end();
    jest.restoreAllMocks();
  });

  /**
   * Each run starts on a network that commits transactions end to end, so a
   * run measures its own crash, not what an earlier one left behind; the
   * marker's block is where the run's ledger scan begins.
   */
  async function runStart(): Promise<RunStart> {
    const ready = await anchorMarker(org1, 'start');
    return {
      at: new Date(),
      fromBlock: ready.blockNumber,
      captured: await topicPosition(kafka, Topic.eventCaptured),
      networkReadyAfterMs: ready.waitedMs,
    };
  }

  async function crashAndRevive(node: FabricNode): Promise<Crash> {
    await sleep(WARM_UP_MS);
    const inFlight = await submissions.inFlightFor(IN_FLIGHT_MS);
    revivalOwed = true;
    kill9(node);
    const killedAt = Date.now();
    const inFlightForMs = killedAt - inFlight.startedAt;
    await sleep(OUTAGE_MS);
    const reviving = Date.now();
    await reviveFabric();
    revivalOwed = false;
    const revivedAt = Date.now();
    await sleep(AFTER_REVIVAL_MS);
    return {
      node,
      inFlightBatchId: inFlight.batchId,
      inFlightForMs,
      killedAt,
      revivedAt,
      reviveMs: revivedAt - reviving,
    };
  }

  async function storedEvents(run: string, start: RunStart): Promise<StoredEvent[]> {
    const { rows } = await traceabilityDb.query<StoredEvent>(
      `SELECT id, event_hash, document->'epcList'->>0 AS epc, anchor_status, batch_id, merkle_root
         FROM epcis_event
        WHERE record_time >= $1 AND document->'epcList'->>0 LIKE $2`,
      [start.at, `${epcOf(run)}%`],
    );
    return rows;
  }

  /**
   * Waits until every stored event of the run is anchored as the traceability
   * service sees it (the whole loop), or until one of the run's batches is
   * refused: a final state the anchorer never revisits, so waiting longer
   * proves nothing. Either way the reconciliation then says what is missing.
   */
  async function anchoringSettled(
    run: string,
    start: RunStart,
  ): Promise<{ at: number; outcome: 'caught up' | 'a batch refused' | 'timed out' }> {
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      const events = await storedEvents(run, start);
      if (events.length > 0 && events.every((e) => e.anchor_status === 'anchored')) {
        return { at: Date.now(), outcome: 'caught up' };
      }
      const { rows: refused } = await ledgerDb.query(
        `SELECT 1 FROM anchor_batch b JOIN anchor_item i ON i.batch_id = b.batch_id
          WHERE b.status = 'refused' AND b.created_at >= $1 AND i.item_id = ANY($2::uuid[])
          LIMIT 1`,
        [start.at, events.map((e) => e.id)],
      );
      if (refused.length > 0) return { at: Date.now(), outcome: 'a batch refused' };
      if (Date.now() > deadline) return { at: Date.now(), outcome: 'timed out' };
      await sleep(500);
    }
  }

  /**
   * Everything accepted, followed through each place it must be. Returns the
   * figures and, per kind of defect, the events or batches that show it.
   */
  async function reconcile(run: string, start: RunStart, attempts: CaptureAttempt[]) {
    const accepted = attempts.filter((a) => a.status === 201 || a.status === 202);
    const acceptedSerials = accepted.flatMap((a) => a.serials);
    const events = await storedEvents(run, start);

    const storedBySerial = new Map<string, number>();
    for (const e of events) {
      const serial = serialOf(e.epc);
      storedBySerial.set(serial, (storedBySerial.get(serial) ?? 0) + 1);
    }

    // Kafka: the relay has drained the outbox, so the topic's end is final for this run.
    await eventually(
      async () => {
        const { rows } = await traceabilityDb.query<{ pending: string }>(
          `SELECT count(*) AS pending FROM outbox_message WHERE published_at IS NULL`,
        );
        return rows[0]?.pending === '0' ? true : undefined;
      },
      'the outbox drained',
      60_000,
    );
    const published = (
      await readTopicWindow(
        kafka,
        Topic.eventCaptured,
        start.captured,
        await topicPosition(kafka, Topic.eventCaptured),
      )
    )
      .map(
        (m) => JSON.parse(m.value?.toString() ?? '{}') as CloudEvent<Partial<EpcisEventCapturedV1>>,
      )
      .filter((m) => JSON.stringify(m.data?.event?.epcList ?? []).includes(epcOf(run)));
    const publishedHashes = new Set(published.map((m) => m.data?.eventHash ?? ''));

    // Ledger service: the run's anchor items, and every batch sealed since the run began.
    const itemIds = events.map((e) => e.id);
    const { rows: items } = await ledgerDb.query<{
      item_id: string;
      digest: string;
      batch_id: string | null;
    }>(`SELECT item_id, digest, batch_id FROM anchor_item WHERE item_id = ANY($1::uuid[])`, [
      itemIds,
    ]);
    const { rows: batchesSince } = await ledgerDb.query<BatchRow>(
      `SELECT batch_id, merkle_root, items, status, tx_id, block_number, last_error
         FROM anchor_batch WHERE created_at >= $1`,
      [start.at],
    );
    const ourDigests = new Set(events.map((e) => eventHashDigest(e.event_hash)));
    const batchesOfDigest = new Map<string, string[]>();
    for (const batch of batchesSince) {
      for (const item of batch.items) {
        if (!ourDigests.has(item.digest)) continue;
        batchesOfDigest.set(item.digest, [
          ...(batchesOfDigest.get(item.digest) ?? []),
          batch.batch_id,
        ]);
      }
    }
    const ourBatches = batchesSince.filter((b) =>
      b.items.some((item) => ourDigests.has(item.digest)),
    );

    // The ledger itself, through another organisation's peer.
    const anchors = await batchesAnchoredSince(auditor, start.fromBlock);
    const anchorsOf = new Map<string, LedgerAnchor[]>();
    for (const anchor of anchors) {
      anchorsOf.set(anchor.batchId, [...(anchorsOf.get(anchor.batchId) ?? []), anchor]);
    }

    const itemOf = new Map(items.map((i) => [i.item_id, i]));
    const batchById = new Map(ourBatches.map((b) => [b.batch_id, b]));
    const defects = {
      acceptedButNotStored: acceptedSerials.filter((s) => !storedBySerial.has(s)),
      storedMoreThanOnce: [...storedBySerial].filter(([, n]) => n > 1).map(([s]) => s),
      storedButNotOnKafka: events
        .filter((e) => !publishedHashes.has(e.event_hash))
        .map((e) => e.id),
      neverRequestedForAnchoring: itemIds.filter((id) => !itemOf.has(id)),
      digestDiffersFromEventHash: events
        .filter((e) => {
          const item = itemOf.get(e.id);
          return item !== undefined && item.digest !== eventHashDigest(e.event_hash);
        })
        .map((e) => e.id),
      inNoBatch: events
        .filter((e) => (batchesOfDigest.get(eventHashDigest(e.event_hash)) ?? []).length === 0)
        .map((e) => e.id),
      inSeveralBatches: [...batchesOfDigest].filter(([, ids]) => ids.length > 1),
      batchNotAnchored: ourBatches
        .filter((b) => b.status !== 'anchored')
        .map((b) => `${b.batch_id} (${b.items.length} events): ${b.status}, ${b.last_error}`),
      rootNotFromItems: ourBatches
        .filter((b) => new MerkleTree(b.items.map((i) => i.digest)).root !== b.merkle_root)
        .map((b) => b.batch_id),
      notOnLedger: ourBatches.filter((b) => !anchorsOf.has(b.batch_id)).map((b) => b.batch_id),
      anchoredMoreThanOnce: ourBatches
        .filter((b) => (anchorsOf.get(b.batch_id) ?? []).length > 1)
        .map((b) => b.batch_id),
      ledgerDisagrees: ourBatches
        .filter((b) => {
          const [onLedger] = anchorsOf.get(b.batch_id) ?? [];
          return (
            onLedger !== undefined &&
            (onLedger.merkleRoot !== b.merkle_root ||
              onLedger.eventCount !== b.items.length ||
              onLedger.txId !== b.tx_id ||
              String(onLedger.blockNumber) !== b.block_number)
          );
        })
        .map((b) => b.batch_id),
      traceabilityDisagrees: events
        .filter((e) => {
          const batch = batchById.get(itemOf.get(e.id)?.batch_id ?? '');
          return (
            e.anchor_status !== 'anchored' ||
            batch === undefined ||
            e.batch_id !== batch.batch_id ||
            e.merkle_root !== batch.merkle_root
          );
        })
        .map((e) => e.id),
    };

    const refused = new Map<number, number>();
    for (const a of attempts.filter((a) => a.status !== 201 && a.status !== 202)) {
      refused.set(a.status, (refused.get(a.status) ?? 0) + a.serials.length);
    }
    const sizes = ourBatches.map((b) => b.items.length);
    const anchoredOnLedger = new Set(
      ourBatches
        .filter((b) => b.status === 'anchored' && anchorsOf.has(b.batch_id))
        .map((b) => b.batch_id),
    );
    const figures = {
      attempts: attempts.length,
      acceptedEvents: accepted.reduce((n, a) => n + a.stored, 0),
      acceptedSingleEvents: accepted.filter((a) => a.route === '/events').length,
      acceptedDocuments: accepted.filter((a) => a.route === '/capture').length,
      refusedEvents: Object.fromEntries(refused),
      stored: events.length,
      kafkaMessages: published.length,
      kafkaDistinctEvents: publishedHashes.size,
      anchorItems: items.length,
      anchoredOnLedger: events.filter((e) =>
        (batchesOfDigest.get(eventHashDigest(e.event_hash)) ?? []).some((id) =>
          anchoredOnLedger.has(id),
        ),
      ).length,
      batches: ourBatches.length,
      batchSizes: { min: Math.min(...sizes), max: Math.max(...sizes) },
      ledgerAnchorsOfOurBatches: ourBatches.reduce(
        (n, b) => n + (anchorsOf.get(b.batch_id) ?? []).length,
        0,
      ),
      ledgerAnchorsScanned: anchors.length,
    };
    return { figures, defects: sampled(defects), anchorsOf };
  }

  function describeSubmissions(all: Submission[], crash: Crash) {
    const failures = new Map<string, number>();
    for (const s of all) {
      if (typeof s.outcome !== 'object') continue;
      const kind = outcomeKind(s.outcome);
      failures.set(kind, (failures.get(kind) ?? 0) + 1);
    }
    const perBatch = new Map<string, number>();
    for (const s of all) perBatch.set(s.batchId, (perBatch.get(s.batchId) ?? 0) + 1);
    const firstAfterRevival = all.find(
      (s) =>
        s.startedAt >= crash.revivedAt &&
        (s.outcome === 'committed' || s.outcome === 'already-anchored'),
    );
    const inFlight = all.filter((s) => s.batchId === crash.inFlightBatchId);
    const committedMs = all
      .filter((s) => s.outcome === 'committed' && s.settledAt !== undefined)
      .map((s) => (s.settledAt ?? 0) - s.startedAt)
      .sort((a, b) => a - b);
    return {
      total: all.length,
      committed: all.filter((s) => s.outcome === 'committed').length,
      alreadyAnchored: all.filter((s) => s.outcome === 'already-anchored').length,
      failed: Object.fromEntries(failures),
      failedDuringOutage: all.filter(
        (s) =>
          typeof s.outcome === 'object' &&
          s.startedAt < crash.revivedAt &&
          (s.settledAt ?? 0) >= crash.killedAt,
      ).length,
      batchesSubmittedMoreThanOnce: [...perBatch.values()].filter((n) => n > 1).length,
      committedInMs: {
        min: committedMs[0],
        median: committedMs[Math.floor(committedMs.length / 2)],
        max: committedMs[committedMs.length - 1],
      },
      inFlightForMsAtCrash: crash.inFlightForMs,
      inDoubtBatchSubmissions: inFlight.map(
        (s) =>
          `${outcomeKind(s.outcome)}, settled ${seconds((s.settledAt ?? Date.now()) - crash.killedAt)} s after the crash`,
      ),
      firstAnchoringAfterRevivalS:
        firstAfterRevival?.settledAt === undefined
          ? undefined
          : seconds(firstAfterRevival.settledAt - crash.revivedAt),
    };
  }

  async function crashDuringCapture(node: FabricNode, tag: string) {
    const run = `${tag}${randomBytes(3).toString('hex')}`;
    const start = await runStart();
    const { attempts, outage: crash } = await captureDuring(traceability.url, run, LOAD, () =>
      crashAndRevive(node),
    );
    const captureEndedAt = Date.now();
    const settled = await anchoringSettled(run, start);
    const { figures, defects, anchorsOf } = await reconcile(run, start, attempts);
    // Which transaction anchored the batch in doubt: the one the crash hid
    // from the anchorer (its timestamp is from before the crash), or a retry.
    const inDoubt = anchorsOf.get(crash.inFlightBatchId) ?? [];
    const inDoubtBatchAnchoredBy = inDoubt.map(
      (a) =>
        `block ${a.blockNumber}, ${Date.parse(a.anchoredAt) < crash.killedAt ? 'the transaction in flight at the crash' : 'a retry after the crash'}`,
    );
    const during = attempts.filter((a) => a.sentAt >= crash.killedAt && a.sentAt < crash.revivedAt);
    const report = {
      run,
      crashed: node,
      networkReadyAtStartAfterS: seconds(start.networkReadyAfterMs),
      ...figures,
      acceptedDuringOutage: during
        .filter((a) => a.status === 201 || a.status === 202)
        .reduce((n, a) => n + a.stored, 0),
      inDoubtBatchAnchoredBy,
      submissions: describeSubmissions(submissions.between(start.at.getTime(), settled.at), crash),
      outageS: seconds(crash.revivedAt - crash.killedAt),
      reviveS: seconds(crash.reviveMs),
      anchoring: settled.outcome,
      settledAfterRevivalS: seconds(settled.at - crash.revivedAt),
      settledAfterCaptureEndedS: seconds(settled.at - captureEndedAt),
    };
    console.log(`${node} crash:\n${JSON.stringify(report, null, 2)}`);
    return { attempts, report, defects };
  }

  const noDefects = {
    acceptedButNotStored: [],
    storedMoreThanOnce: [],
    storedButNotOnKafka: [],
    neverRequestedForAnchoring: [],
    digestDiffersFromEventHash: [],
    inNoBatch: [],
    inSeveralBatches: [],
    batchNotAnchored: [],
    rootNotFromItems: [],
    notOnLedger: [],
    anchoredMoreThanOnce: [],
    ledgerDisagrees: [],
    traceabilityDisagrees: [],
  };

  function expectReconciled({
    attempts,
    report,
    defects,
  }: Awaited<ReturnType<typeof crashDuringCapture>>): void {
    // What went wrong, event by event and batch by batch, before any total.
    expect(defects).toEqual(noDefects);
    expect(report.anchoring).toBe('caught up');

    // Capture does not touch Fabric: nothing refused, not even during the crash.
    expect(attempts.filter((a) => a.status !== 201 && a.status !== 202)).toEqual([]);
    expect(
      attempts.filter((a) => a.route === '/capture' && a.stored !== LOAD.eventsPerDocument),
    ).toEqual([]);
    expect(report.acceptedEvents).toBeGreaterThan(1000);
    expect(report.acceptedDuringOutage).toBeGreaterThan(0);
    // The anchorer really met the dead node, and retried the batch whose
    // outcome the crash hid from it, or the test proved nothing.
    expect(report.submissions.failedDuringOutage).toBeGreaterThan(0);
    expect(report.submissions.inDoubtBatchSubmissions.length).toBeGreaterThan(1);

    expect(report.stored).toBe(report.acceptedEvents);
    expect(report.kafkaDistinctEvents).toBe(report.stored);
    expect(report.anchorItems).toBe(report.stored);
    expect(report.anchoredOnLedger).toBe(report.stored);
    expect(report.ledgerAnchorsOfOurBatches).toBe(report.batches);
  }

  it('loses and doubles nothing when the gateway peer is killed mid-anchoring', async () => {
    expectReconciled(await crashDuringCapture('peer0.org1', 'FP'));
  });

  it('loses and doubles nothing when the orderer is killed mid-anchoring', async () => {
    expectReconciled(await crashDuringCapture('orderer', 'FO'));
  });
});
