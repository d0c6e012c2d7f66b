import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { AnchoredBatch, TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { loadConfig } from '@pujiang/config';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { serviceEnv, stackEnv } from '../support/stack-env';

interface RecordView {
  id: string;
  digest: string;
  anchor: {
    status: string;
    batchId: string | null;
    txId: string | null;
    blockNumber: number | null;
  };
}

/**
 * The thread every later feature grows on: a farmer's record goes in over
 * HTTP, through the outbox and Kafka to the ledger service, onto Fabric, and
 * the confirmation comes back to the traceability read model.
 */
describe('a captured record is anchored on the ledger', () => {
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

  it('takes a harvest record, anchors its digest, and shows the tx id in the read model', async () => {
    const payload = { farm: 'urn:epc:id:sgln:0614141.00001.0', lot: 'LOT-2026-11-A', kg: 1250 };

    const accepted = await fetch(`${traceability.url}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'harvest', payload }),
    });
    expect(accepted.status).toBe(202);
    const record = (await accepted.json()) as RecordView;
    expect(accepted.headers.get('location')).toBe(`/records/${record.id}`);
    expect(record.anchor.status).toBe('pending');

    const anchored = await eventually(
      async () => {
        const view = (await (
          await fetch(`${traceability.url}/records/${record.id}`)
        ).json()) as RecordView;
        return view.anchor.status === 'anchored' ? view : undefined;
      },
      'the record to be anchored',
      60_000,
    );
    expect(anchored.anchor.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(anchored.anchor.blockNumber).toBeGreaterThan(0);

    // Another organisation's peer holds the same digest under the same transaction.
    const onLedger = JSON.parse(
      await auditor.evaluate({
        contract: TRACE_ANCHOR_CONTRACT,
        transaction: TraceAnchorTransaction.readBatch,
        args: [anchored.anchor.batchId ?? ''],
      }),
    ) as AnchoredBatch;
    expect(onLedger).toMatchObject({
      merkleRoot: record.digest,
      txId: anchored.anchor.txId,
      submitterMspId: 'Org1MSP',
    });
  });

  it('refuses a malformed record with a problem+json and stores nothing', async () => {
    const count = async () => {
      const db = new Client({ connectionString: stackEnv().TRACEABILITY_DATABASE_URL });
      await db.connect();
      const { rows } = await db.query<{ records: string; outbox: string }>(
        `SELECT (SELECT count(*) FROM trace_record) AS records,
                (SELECT count(*) FROM outbox_message) AS outbox`,
      );
      await db.end();
      return rows[0];
    };
    const before = await count();

    const res = await fetch(`${traceability.url}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'Harvest!', payload: {} }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer).sort()).toEqual(['/kind', '/payload']);
    expect(await count()).toEqual(before);
  });

  it('answers an unknown record with 404 and a malformed id with 400', async () => {
    const missing = await fetch(`${traceability.url}/records/1b4e28ba-2fa1-4d2e-883f-0016d3cca427`);
    expect(missing.status).toBe(404);
    const malformed = await fetch(`${traceability.url}/records/not-a-uuid`);
    expect(malformed.status).toBe(400);
  });
});
