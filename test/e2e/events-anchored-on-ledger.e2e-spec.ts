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
import { ORG1_PACKER, bearer } from '../support/stack-tokens';

interface ProofView {
  eventID: string;
  anchorStatus: string;
  verified: boolean;
  anchor?: { batchId: string; merkleRoot: string; txId: string; blockNumber: number };
  ledger?: { submitterMspId: string; anchoredAt: string } | null;
  checks?: Record<string, boolean | string>;
}

/** Org2's grower, who captures its own events: Org2's ledger service anchors them. */
const ORG2_GROWER = {
  organisation: 'Org2MSP',
  party: 'grower',
  roles: ['trace:capture', 'trace:query'],
};
type Headers = Record<string, string>;

/**
 * The thread the platform grows on: EPCIS events go in over HTTP, through the
 * outbox and Kafka to the ledger service, into a Merkle batch on Fabric, and
 * each event's inclusion proof comes back and verifies against the ledger.
 * Org1's packer captures the events and asks for their proofs; each
 * organisation's ledger service anchors only its own organisation's events,
 * as its anchoring identity.
 */
describe('captured EPCIS events are anchored on the ledger in Merkle batches', () => {
  let traceability: { app: NestFastifyApplication; url: string };
  let ledgerService: { app: NestFastifyApplication; url: string };
  let org2LedgerService: { app: NestFastifyApplication; url: string };
  let auditor: LedgerGateway;

  beforeAll(async () => {
    ledgerService = await startService('ledger', LedgerApp);
    org2LedgerService = await startService('ledger', LedgerApp, 2);
    traceability = await startService('traceability', TraceabilityApp);
    auditor = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 2)));
    await auditor.onModuleInit();
  });

  afterAll(async () => {
    auditor?.onApplicationShutdown();
    await traceability?.app.close();
    await org2LedgerService?.app.close();
    await ledgerService?.app.close();
  });

  /** Captures a lot's story as `headers` sees it and returns its events' eventIDs. */
  async function captureLot(headers: Headers, tag: string): Promise<string[]> {
    const res = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/ld+json' },
      body: JSON.stringify(supplyChainDocument(tag)),
    });
    expect(res.status).toBe(202);
    const lot = `https://id.gs1.org/01/09520123456788/10/${tag}-A`;
    const query = (await (
      await fetch(`${traceability.url}/events?MATCH_anyEPCClass=${encodeURIComponent(lot)}`, {
        headers,
      })
    ).json()) as {
      epcisBody: { queryResults: { resultsBody: { eventList: { eventID: string }[] } } };
    };
    return query.epcisBody.queryResults.resultsBody.eventList.map((e) => e.eventID);
  }

  const proofOf = async (headers: Headers, eventID: string) =>
    (await (
      await fetch(`${traceability.url}/events/${encodeURIComponent(eventID)}/proof`, { headers })
    ).json()) as ProofView;

  const verifiedProofs = (headers: Headers, eventIDs: string[]) =>
    eventually(
      async () => {
        const all = await Promise.all(eventIDs.map((id) => proofOf(headers, id)));
        return all.every((p) => p.verified) ? all : undefined;
      },
      'every event to be anchored and verified',
      60_000,
    );

  it('reports every dependency healthy', async () => {
    for (const service of [traceability, ledgerService, org2LedgerService]) {
      const res = await fetch(`${service.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, kafka: { status: 'up' }, ledger: { status: 'up' } },
      });
    }
  });

  it('anchors a document of events in one batch and proves each against the root on the ledger', async () => {
    const packer = await bearer(ORG1_PACKER);
    const eventIDs = await captureLot(packer, `e2e${randomBytes(3).toString('hex')}`);
    expect(eventIDs.length).toBeGreaterThanOrEqual(2);

    const proofs = await verifiedProofs(packer, eventIDs);
    // Events captured together share a batch: one transaction for all of them.
    const batches = new Set(proofs.map((p) => p.anchor?.batchId));
    expect(batches.size).toBeLessThan(proofs.length);
    // Anchored by the organisation that captured them, at the ledger's time of the transaction.
    expect(proofs[0]).toMatchObject({
      ledger: { submitterMspId: 'Org1MSP', anchoredAt: expect.stringMatching(/^\d{4}-.*Z$/) },
      checks: { anchoredByCapturer: true },
    });

    // Another organisation's peer holds the same root under the same transaction.
    const first = proofs[0]?.anchor;
    const onLedger = JSON.parse(
      await auditor.evaluate({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.readBatch,
        args: ['Org1MSP', first?.batchId ?? ''],
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
    const tampered = await proofOf(packer, eventIDs[0] ?? '');
    expect(tampered).toMatchObject({
      verified: false,
      checks: { eventUnchanged: false, proofLeadsToRoot: false },
    });
  });

  it('anchors Org2’s events through Org2’s ledger service alone, as Org2’s anchoring identity', async () => {
    const grower = await bearer(ORG2_GROWER);
    const eventIDs = await captureLot(grower, `e2o${randomBytes(3).toString('hex')}`);

    const proofs = await verifiedProofs(grower, eventIDs);

    for (const proof of proofs) {
      expect(proof).toMatchObject({
        ledger: { submitterMspId: 'Org2MSP' },
        checks: { anchoredByCapturer: true },
      });
    }
    // Org1's ledger service read the same requests and queued none of them.
    const env = stackEnv();
    const traceabilityDb = new Client({ connectionString: env.TRACEABILITY_DATABASE_URL });
    const org1LedgerDb = new Client({ connectionString: env.LEDGER_DATABASE_URL });
    await traceabilityDb.connect();
    await org1LedgerDb.connect();
    try {
      const { rows: events } = await traceabilityDb.query<{ id: string }>(
        `SELECT id FROM epcis_event WHERE event_id = ANY($1::text[])`,
        [eventIDs],
      );
      const { rows: queuedByOrg1 } = await org1LedgerDb.query(
        `SELECT 1 FROM anchor_item WHERE item_id = ANY($1::uuid[])`,
        [events.map((e) => e.id)],
      );
      expect(events).toHaveLength(eventIDs.length);
      expect(queuedByOrg1).toHaveLength(0);
    } finally {
      await traceabilityDb.end();
      await org1LedgerDb.end();
    }
  });
});
