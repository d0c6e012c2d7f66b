import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { AnchoredBatch, TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { loadConfig } from '@pujiang/config';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { supplyChainDocument } from '../../services/traceability/src/epcis/testing/supply-chain.fixture';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { serviceEnv, stackEnv } from '../support/stack-env';

interface ProofView {
  eventID: string;
  anchorStatus: string;
  verified: boolean;
  anchor?: { batchId: string; merkleRoot: string; txId: string; blockNumber: number };
  checks?: Record<string, boolean>;
}

/**
 * The thread the platform grows on: EPCIS events go in over HTTP, through the
 * outbox and Kafka to the ledger service, into a Merkle batch on Fabric, and
 * each event's inclusion proof comes back and verifies against the ledger.
 */
describe('captured EPCIS events are anchored on the ledger in Merkle batches', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let ledgerService: { app: NestFastifyApplication; url: string };
  let auditor: LedgerGateway;

  beforeAll(async () => {
    ledgerService = await startService('ledger', LedgerApp);
    traceability = await startService('traceability', TraceabilityApp);
    auditor = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 2)));
    await auditor.onModuleInit();
  });

  afterAll(async () => {
    auditor?.onApplicationShutdown();
    await traceability?.app.close();
    await ledgerService?.app.close();
  });

  it('reports every dependency healthy', async () => {
    for (const service of [traceability, ledgerService]) {
      const res = await fetch(`${service.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, kafka: { status: 'up' }, ledger: { status: 'up' } },
      });
    }
  });

  it('anchors a document of events in one batch and proves each against the root on the ledger', async () => {
    const tag = randomBytes(3).toString('hex');
    const res = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { 'content-type': 'application/ld+json' },
      body: JSON.stringify(supplyChainDocument(`e2e${tag}`)),
    });
    expect(res.status).toBe(202);
    const lot = `https://id.gs1.org/01/09520123456788/10/e2e${tag}-A`;
    const query = (await (
      await fetch(`${traceability.url}/events?MATCH_anyEPCClass=${encodeURIComponent(lot)}`)
    ).json()) as {
      epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
    };
    const eventIDs = query.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID);
    expect(eventIDs.length).toBeGreaterThanOrEqual(2);

    const proofOf = async (eventID: string) =>
      (await (
        await fetch(`${traceability.url}/events/${encodeURIComponent(eventID)}/proof`)
      ).json()) as ProofView;
    const proofs = await eventually(
      async () => {
        const all = await Promise.all(eventIDs.map(proofOf));
        return all.every((p) => p.verified) ? all : undefined;
      },
      'every event to be anchored and verified',
      60_000,
    );
    // Events captured together share a batch: one transaction for all of them.
    const batches = new Set(proofs.map((p) => p.anchor?.batchId));
    expect(batches.size).toBeLessThan(proofs.length);

    // Another organisation's peer holds the same root under the same transaction.
    const first = proofs[0]?.anchor;
    const onLedger = JSON.parse(
      await auditor.evaluate({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.readBatch,
        args: [first?.batchId ?? ''],
      }),
    ) as AnchoredBatch;
    expect(onLedger).toMatchObject({
      merkleRoot: first?.merkleRoot,
      txId: first?.txId,
      submitterMspId: 'Org1MSP',
    });

    // An event edited in the database behind the system's back no longer verifies.
    const db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
    await db.connect();
    await db.query(
      `UPDATE epcis_event SET document = jsonb_set(document, '{eventTime}', '"2026-11-20T06:00:00.000Z"')
        WHERE event_id = $1`,
      [eventIDs[0]],
    );
    await db.end();
    const tampered = await proofOf(eventIDs[0] ?? '');
    expect(tampered).toMatchObject({
      verified: false,
      checks: { eventUnchanged: false, proofLeadsToRoot: false },
    });
  });
});
