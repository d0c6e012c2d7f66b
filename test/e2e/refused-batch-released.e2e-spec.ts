import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { TRACE_ANCHOR_CONTRACT, TraceAnchorTransaction } from '@pujiang/contracts';
import { loadConfig } from '@pujiang/config';
import { LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { AppModule as LedgerApp } from '../../services/ledger/src/app.module';
import { AppModule as TraceabilityApp } from '../../services/traceability/src/app.module';
import { supplyChainDocument } from '../../services/traceability/src/epcis/testing/supply-chain.fixture';
import { eventually } from '../support/kafka-probe';
import { startService } from '../support/running-service';
import { serviceEnv, stackEnv } from '../support/stack-env';
import { bearer } from '../support/stack-tokens';
import { pujiang } from '../support/pujiang-cli';

interface ProofView {
  eventID: string;
  verified: boolean;
  anchor?: { batchId: string; txId: string };
}

/**
 * Stands for a sealer release that wrote Merkle roots in upper case: the
 * chaincode accepts only lower-case hex, so it refuses every batch sealed
 * while this trigger exists. Dropping it is the operator's fix.
 */
const BROKEN_SEALER = {
  install: `
    CREATE OR REPLACE FUNCTION e2e_upper_case_root() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.merkle_root := upper(NEW.merkle_root); RETURN NEW; END $$;
    CREATE TRIGGER e2e_upper_case_root BEFORE INSERT ON anchor_batch
      FOR EACH ROW EXECUTE FUNCTION e2e_upper_case_root();`,
  remove: `DROP TRIGGER IF EXISTS e2e_upper_case_root ON anchor_batch;
           DROP FUNCTION IF EXISTS e2e_upper_case_root();`,
};

/**
 * An operator's way out of a refused anchor batch, on the whole stack: the
 * chaincode refuses a batch for real, its events stay unproven; once the
 * cause is fixed, `pujiang anchor release-batch` releases it with a reason,
 * the running anchorer seals its items into a new batch, and every event is
 * anchored and proven against the ledger.
 */
describe('a refused anchor batch released by an operator', () => {
  const env = stackEnv();
  let traceability: { app: NestFastifyApplication; url: string };
  let ledgerService: { app: NestFastifyApplication; url: string };
  let ledgerDb: Client;
  let auditor: LedgerGateway;
  const saved = { ...process.env };

  beforeAll(async () => {
    ledgerDb = new Client({ connectionString: env.LEDGER_DATABASE_URL });
    await ledgerDb.connect();
    ledgerService = await startService('ledger', LedgerApp);
    await ledgerDb.query(BROKEN_SEALER.install);
    traceability = await startService('traceability', TraceabilityApp);
    auditor = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0)));
    await auditor.onModuleInit();
  });

  afterAll(async () => {
    process.env = saved;
    // The stack's state outlives the test: never leave the broken sealer behind.
    await ledgerDb?.query(BROKEN_SEALER.remove);
    await ledgerDb?.end();
    auditor?.onApplicationShutdown();
    await traceability?.app.close();
    await ledgerService?.app.close();
  });

  it('refuses the batch on the ledger, and after the release anchors and proves every event in a new batch', async () => {
    const packer = await bearer();
    const tag = `rel${randomBytes(3).toString('hex')}`;
    const captured = await fetch(`${traceability.url}/capture`, {
      method: 'POST',
      headers: { ...packer, 'content-type': 'application/ld+json' },
      body: JSON.stringify(supplyChainDocument(tag)),
    });
    expect(captured.status).toBe(202);
    const traceabilityDb = new Client({ connectionString: env.TRACEABILITY_DATABASE_URL });
    await traceabilityDb.connect();
    const { rows: events } = await traceabilityDb
      .query<{ id: string; event_id: string }>(
        `SELECT id, event_id FROM epcis_event WHERE document::text LIKE $1`,
        [`%${tag}%`],
      )
      .finally(() => traceabilityDb.end());
    expect(events.length).toBeGreaterThanOrEqual(2);
    const itemIds = events.map((e) => e.id);

    // The chaincode refuses what the broken sealer sealed: every item sits in a refused batch.
    const refused = await eventually(
      async () => {
        const { rows } = await ledgerDb.query<{
          batch_id: string;
          status: string;
          last_error: string | null;
          ours: number;
          items: number;
        }>(
          `SELECT b.batch_id, b.status, b.last_error, count(*)::int AS ours,
                  jsonb_array_length(b.items) AS items
             FROM anchor_item i JOIN anchor_batch b ON b.batch_id = i.batch_id
            WHERE i.item_id = ANY($1::uuid[]) GROUP BY b.batch_id`,
          [itemIds],
        );
        const sealed = rows.reduce((n, row) => n + row.ours, 0);
        return sealed === itemIds.length && rows.every((r) => r.status === 'refused')
          ? rows
          : undefined;
      },
      'the chaincode to refuse the batch',
      60_000,
    );
    expect(refused[0]?.last_error).toMatch(/merkleRoot must be 64 lower-case hex/);
    for (const { batch_id } of refused) {
      await expect(
        auditor.evaluate({
          contract: TRACE_ANCHOR_CONTRACT,
          transaction: TraceAnchorTransaction.readBatch,
          args: ['Org1MSP', batch_id],
        }),
      ).rejects.toThrow(/not found/);
    }
    const unproven = (await (
      await fetch(
        `${traceability.url}/events/${encodeURIComponent(events[0]?.event_id ?? '')}/proof`,
        { headers: packer },
      )
    ).json()) as ProofView;
    expect(unproven.verified).toBe(false);

    // The operator fixes the sealer, then releases each refused batch with the reason.
    await ledgerDb.query(BROKEN_SEALER.remove);
    process.env.DATABASE_URL = env.LEDGER_DATABASE_URL;
    const reason = `sealer wrote upper-case roots (${tag}); fixed`;
    for (const { batch_id, items } of refused) {
      const run = await pujiang(
        'anchor',
        'release-batch',
        batch_id,
        '--reason',
        reason,
        '--operator',
        'e2e-oncall',
        '--wait',
        '--timeout',
        '60',
      );
      expect(run.code).toBe(0);
      expect(run.out).toEqual([
        expect.stringMatching(
          new RegExp(
            `^released ${items} items of batch ${batch_id} \\(refused: .*merkleRoot must be 64 lower-case hex.*\\) by e2e-oncall: `,
          ),
        ),
        `every item of batch ${batch_id} is anchored in a new batch`,
      ]);
      // Progress on stderr, ending with every item anchored.
      expect(run.err.at(-1)).toBe(`sealed ${items} of ${items}, anchored ${items} of ${items}`);

      const again = await pujiang('anchor', 'release-batch', batch_id, '--reason', reason);
      expect(again).toMatchObject({ code: 1, err: [expect.stringMatching(/already released/)] });
    }
    const { rows: releases } = await ledgerDb.query(
      `SELECT batch_id, reason, operator, refusal, item_count FROM anchor_batch_release
        WHERE batch_id = ANY($1::text[]) ORDER BY batch_id`,
      [refused.map((r) => r.batch_id)],
    );
    expect(releases).toEqual(
      refused
        .map((r) => ({
          batch_id: r.batch_id,
          reason,
          operator: 'e2e-oncall',
          refusal: r.last_error,
          item_count: r.items,
        }))
        .sort((a, b) => a.batch_id.localeCompare(b.batch_id)),
    );

    // Every event is now proven against a batch on the ledger that is not a refused one.
    const proofs = await eventually(
      async () => {
        const all = await Promise.all(
          events.map(
            async (e) =>
              (await (
                await fetch(`${traceability.url}/events/${encodeURIComponent(e.event_id)}/proof`, {
                  headers: packer,
                })
              ).json()) as ProofView,
          ),
        );
        return all.every((p) => p.verified) ? all : undefined;
      },
      'every released event to be anchored and proven',
      60_000,
    );
    const refusedIds = new Set(refused.map((r) => r.batch_id));
    for (const proof of proofs) expect(refusedIds.has(proof.anchor?.batchId ?? '')).toBe(false);
  });
});
